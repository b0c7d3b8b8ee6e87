import { randomUUID } from 'node:crypto';
import { isMoneyTaken, refundableAmountOf } from '@/lib/orders/state';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, OrderStatusBadge } from '@/components/admin/badge';
import { BalanceTransactionsTable } from '@/components/admin/balance-transactions-table';
import { ConfirmActionForm } from '@/components/admin/confirm-action-form';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { OrderTimeline } from '@/components/admin/order-timeline';
import { formatAdminTime } from '@/components/admin/orders-table';
import { Section } from '@/components/admin/section';
import { StripeId } from '@/components/admin/stripe-id';
import { findOrderAccount } from '@/lib/admin/customers';
import { findOrderMoney } from '@/lib/admin/money';
import { findOrderDetail } from '@/lib/admin/order-detail';
import { requireAdmin } from '@/lib/auth/auth';
import { formatMoney } from '@/lib/money';
import { DisputeStatusBadge, timeLeft } from '@/components/admin/dispute-status';
import { refundFraudWarningAction } from '@/lib/disputes/admin-actions';
import { disputesOfOrder, fraudWarningsOfOrder } from '@/lib/disputes/queries';
import { resendConfirmationAction } from '@/lib/orders/admin-actions';
import { PaymentActions } from '@/components/admin/payment-actions';
import { FulfilmentBadge } from '@/components/admin/fulfilment-badge';
import { FulfilmentPanel } from '@/components/admin/fulfilment-panel';
import { OrderTotals } from '@/components/admin/order-totals';

type Params = Promise<{ number: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Order #${(await params).number}` };
}

export default async function OrderPage({ params }: { params: Params }) {
  await requireAdmin();
  const raw = (await params).number;
  const detail = /^\d{1,10}$/.test(raw) ? await findOrderDetail(Number(raw)) : null;
  if (!detail) notFound();
  const { order, items, events, refunds, mail, fraudHold } = detail;
  const [account, orderMoney, disputes, fraudWarnings] = await Promise.all([
    findOrderAccount(order),
    findOrderMoney(order.stripePaymentIntentId),
    disputesOfOrder(order.id),
    fraudWarningsOfOrder(order.id),
  ]);
  const openWarning = fraudWarnings.find(
    (warning) => warning.actionable && refundableAmountOf(order) > 0,
  );
  const money = (amount: number) => formatMoney(amount, order.currency);
  const canResend = isMoneyTaken(order.status) && Boolean(order.email);

  return (
    <div className="flex flex-col gap-4">
      <Link href="/admin/orders" className="text-sm text-muted hover:underline">
        ← Orders
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold tabular-nums">Order #{order.number}</h1>
        <OrderStatusBadge status={order.status} disputed={order.disputeStatus !== null} />
        {fraudWarnings.length > 0 ? <Badge tone="bad">Fraud warning</Badge> : null}
        {order.fulfilmentStatus ? <FulfilmentBadge status={order.fulfilmentStatus} /> : null}
        <span className="text-sm text-muted">Placed {formatAdminTime(order.createdAt)}</span>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-4 lg:col-span-2">
          <Section title="Items" id="items-heading">
            <DataTable caption="Items in this order">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" className="!text-right">
                    Price
                  </th>
                  <th scope="col" className="!text-right">
                    Quantity
                  </th>
                  <th scope="col" className="!text-right">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.length === 0 ? <EmptyRow columns={4}>No items.</EmptyRow> : null}
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>{item.name}</td>
                    <td className="text-right tabular-nums">{money(item.unitAmount)}</td>
                    <td className="text-right tabular-nums">{item.quantity}</td>
                    <td className="text-right tabular-nums">
                      {money(item.unitAmount * item.quantity)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <OrderTotals order={order} />
          </Section>

          <Section title="Fulfilment" id="fulfilment-heading">
            <FulfilmentPanel order={order} fraudHold={fraudHold} />
          </Section>

          <Section title="Refunds" id="refunds-heading">
            <DataTable caption="Refunds of this order">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col" className="!text-right">
                    Amount
                  </th>
                  <th scope="col">Reason</th>
                  <th scope="col">Status</th>
                  <th scope="col">By</th>
                  <th scope="col">Stripe refund</th>
                </tr>
              </thead>
              <tbody>
                {refunds.length === 0 ? <EmptyRow columns={6}>No refunds.</EmptyRow> : null}
                {refunds.map((refund) => (
                  <tr key={refund.id}>
                    <td className="whitespace-nowrap">{formatAdminTime(refund.createdAt)}</td>
                    <td className="text-right tabular-nums">
                      {formatMoney(refund.amount, refund.currency)}
                    </td>
                    <td>{refund.reason?.replace(/_/g, ' ') ?? '—'}</td>
                    <td>
                      <Badge
                        tone={
                          refund.status === 'succeeded'
                            ? 'good'
                            : refund.status === 'failed'
                              ? 'bad'
                              : 'warn'
                        }
                      >
                        {refund.status}
                      </Badge>
                    </td>
                    <td>{refund.actor}</td>
                    <td>
                      <StripeId id={refund.stripeRefundId} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </Section>

          <Section title="Stripe fees and net" id="balance-heading">
            {orderMoney.transactions.length === 0 ? (
              <p className="text-sm text-muted">
                {order.stripePaymentIntentId
                  ? 'Stripe’s balance transactions for this payment are not synced yet.'
                  : 'No payment, so no balance transactions.'}
              </p>
            ) : (
              <>
                <dl className="grid w-full max-w-xs grid-cols-2 gap-x-4 gap-y-1 text-sm [&_dd]:text-right [&_dd]:tabular-nums">
                  <dt className="text-muted">Stripe fees</dt>
                  <dd>{money(orderMoney.fee)}</dd>
                  <dt className="text-muted">Net to balance</dt>
                  <dd className="font-medium">{money(orderMoney.net)}</dd>
                </dl>
                <BalanceTransactionsTable
                  rows={orderMoney.transactions}
                  caption="Balance transactions of this order"
                  empty="No balance transactions."
                  link="payout"
                />
              </>
            )}
          </Section>

          <Section title="Timeline" id="timeline-heading">
            <OrderTimeline events={events} />
          </Section>
        </div>

        <div className="flex min-w-0 flex-col gap-4">
          <Section title="Customer" id="customer-heading">
            <dl className="grid gap-1 text-sm">
              <dt className="text-muted">Name</dt>
              <dd>{order.customerName ?? '—'}</dd>
              <dt className="text-muted">Email</dt>
              <dd className="break-all">{order.email ?? '—'}</dd>
              <dt className="text-muted">Account</dt>
              <dd>
                {account ? (
                  <Link
                    href={`/admin/customers/${account.id}`}
                    className="break-all underline underline-offset-2"
                  >
                    {order.userId ? 'Signed in' : 'Guest checkout'} · {account.email}’s orders
                  </Link>
                ) : (
                  'Guest checkout, no account'
                )}
              </dd>
              {order.customerTaxIds && order.customerTaxIds.length > 0 ? (
                <>
                  <dt className="text-muted">Tax ids</dt>
                  <dd>
                    <ul>
                      {order.customerTaxIds.map((taxId) => (
                        <li key={`${taxId.type}:${taxId.value}`} className="break-all">
                          {taxId.value}{' '}
                          <span className="text-xs text-muted">
                            ({taxId.type.replaceAll('_', ' ')})
                          </span>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          </Section>

          {disputes.length > 0 || fraudWarnings.length > 0 ? (
            <Section title="Disputes and fraud" id="disputes-heading">
              <ul className="flex flex-col gap-2 text-sm">
                {disputes.map((dispute) => (
                  <li key={dispute.id} className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/admin/disputes/${dispute.id}`}
                      className="underline underline-offset-2"
                    >
                      Dispute
                    </Link>
                    <DisputeStatusBadge status={dispute.status} />
                    {dispute.status.endsWith('needs_response') ? (
                      <span className="text-muted">{timeLeft(dispute.evidenceDueBy)}</span>
                    ) : null}
                  </li>
                ))}
                {fraudWarnings.map((warning) => (
                  <li key={warning.id}>
                    Early fraud warning ({warning.fraudType.replaceAll('_', ' ')}),{' '}
                    {formatAdminTime(warning.created)}
                    {warning.actionable ? '' : ': nothing left to act on'}
                  </li>
                ))}
              </ul>
              {openWarning ? (
                <ConfirmActionForm
                  action={refundFraudWarningAction}
                  hidden={{ warningId: openWarning.id }}
                  label="Refund in full…"
                  confirmLabel="Confirm full refund"
                  pendingLabel="Refunding…"
                  question={`Refund the remaining ${money(refundableAmountOf(order))} as fraudulent? Stripe recommends it: a refunded payment cannot be disputed.`}
                  danger
                />
              ) : null}
            </Section>
          ) : null}
          <Section title="Payment" id="payment-heading">
            <PaymentActions order={order} requestId={randomUUID()} />
          </Section>

          <Section title="Stripe" id="stripe-heading">
            <dl className="grid gap-1 text-sm">
              <dt className="text-muted">Checkout Session</dt>
              <dd>
                <StripeId id={order.stripeCheckoutSessionId} />
              </dd>
              <dt className="text-muted">PaymentIntent</dt>
              <dd>
                <StripeId id={order.stripePaymentIntentId} />
              </dd>
              <dt className="text-muted">Capture</dt>
              <dd>{order.captureMethod}</dd>
              {order.paidAt ? (
                <>
                  <dt className="text-muted">Paid</dt>
                  <dd>{formatAdminTime(order.paidAt)}</dd>
                </>
              ) : null}
              {order.invoiceUrl || order.invoicePdfUrl || order.stripeInvoiceId ? (
                <>
                  <dt className="text-muted">Invoice</dt>
                  <dd className="flex flex-wrap gap-x-3">
                    {order.invoiceUrl ? (
                      <a
                        href={order.invoiceUrl}
                        target="_blank"
                        rel="noopener noreferrer"
                        className="underline underline-offset-2"
                      >
                        Invoice page
                      </a>
                    ) : null}
                    {order.invoicePdfUrl ? (
                      <a
                        href={order.invoicePdfUrl}
                        target="_blank"
                        rel="noopener noreferrer"
                        className="underline underline-offset-2"
                      >
                        Invoice PDF
                      </a>
                    ) : null}
                    {!order.invoiceUrl && !order.invoicePdfUrl ? (
                      <StripeId id={order.stripeInvoiceId} />
                    ) : null}
                  </dd>
                </>
              ) : null}
            </dl>
          </Section>

          <Section title="Mail" id="mail-heading">
            {mail.length === 0 ? (
              <p className="text-sm text-muted">No mail for this order.</p>
            ) : null}
            <ul className="flex flex-col gap-1 text-sm">
              {mail.map((message) => (
                <li key={message.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/admin/mail/${message.id}`} className="underline underline-offset-2">
                    {message.kind.replace(/_/g, ' ')}
                  </Link>
                  <Badge
                    tone={
                      message.status === 'sent'
                        ? 'good'
                        : message.status === 'failed'
                          ? 'bad'
                          : 'neutral'
                    }
                  >
                    {message.status}
                  </Badge>
                </li>
              ))}
            </ul>
            {canResend ? (
              <ConfirmActionForm
                action={resendConfirmationAction}
                hidden={{ orderId: order.id }}
                label="Resend confirmation…"
                question={`Send the order confirmation to ${order.email} again?`}
                confirmLabel="Send it"
                pendingLabel="Sending…"
              />
            ) : null}
          </Section>
        </div>
      </div>
    </div>
  );
}
