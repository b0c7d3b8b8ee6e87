import { requireAdmin } from '@/lib/auth';

export default async function DashboardPage() {
  await requireAdmin();
  return <h1 className="text-xl font-semibold">Dashboard</h1>;
}
