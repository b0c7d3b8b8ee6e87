import { Badge } from './badge';

export function OutboxStatus({ status }: { status: string }) {
  const tone = status === 'sent' ? 'good' : status === 'failed' ? 'bad' : 'neutral';
  const label = status === 'sent' ? 'Sent' : status === 'failed' ? 'Failed' : 'Queued';
  return <Badge tone={tone}>{label}</Badge>;
}
