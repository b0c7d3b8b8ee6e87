'use client';

import { useActionState, useState } from 'react';
import type { FulfilmentStatus } from '@/db/schema';
import {
  markDeliveredAction,
  markReturnedAction,
  markShippedAction,
} from '@/lib/shipments/admin-actions';
import { IDLE_STATE } from '@/lib/platform/action-state';
import { hasShipped } from '@/lib/orders/shipped-confirmation';
import { CARRIERS, TRACKING_NUMBER_MAX } from '@/lib/shipments/tracking';
import { SubmitButton } from '@/components/submit-button';
import { ActionMessage } from './action-message';
import { DANGER, PRIMARY, SECONDARY } from './confirm-action-form';

const input =
  'rounded-md border border-line bg-white px-2 py-1.5 text-sm font-normal aria-[invalid=true]:border-danger';

/**
 * The fulfilment steps the order's status allows. One component holds the three forms' states, so
 * a step's outcome message stays on screen after the page refreshes to the next step's form.
 */
export function FulfilmentForms({
  orderId,
  orderNumber,
  status,
  canShip,
  isHeld,
}: {
  orderId: string;
  orderNumber: number;
  status: FulfilmentStatus;
  /** Paid (lib/shipments/state.ts rule 2); otherwise the page says why instead. */
  canShip: boolean;
  /** An actionable early fraud warning holds the order: shipping asks for "Ship anyway". */
  isHeld: boolean;
}) {
  const [shipped, ship] = useActionState(markShippedAction, IDLE_STATE);
  const [delivered, deliver] = useActionState(markDeliveredAction, IDLE_STATE);
  const [returned, markReturned] = useActionState(markReturnedAction, IDLE_STATE);
  // The return asks first; the question closes by itself once the action answers.
  const [confirmingAfter, setConfirmingAfter] = useState<typeof returned | null>(null);
  const isConfirmingReturn = confirmingAfter !== null && confirmingAfter === returned;
  const errors = shipped.fieldErrors ?? {};
  const typed = shipped.values ?? {};

  return (
    <div className="flex flex-col gap-3">
      {status === 'unfulfilled' && canShip ? (
        <form action={ship} className="flex flex-col gap-3" noValidate>
          <input type="hidden" name="orderId" value={orderId} />
          <div className="flex flex-wrap items-start gap-3">
            <label className="flex flex-col gap-1 text-sm font-medium">
              Carrier
              <select
                name="carrier"
                defaultValue={typed.carrier ?? ''}
                key={`carrier-${typed.carrier ?? ''}`}
                required
                aria-invalid={Boolean(errors.carrier)}
                aria-describedby={errors.carrier ? 'ship-carrier-error' : undefined}
                className={input}
              >
                <option value="" disabled>
                  Choose a carrier
                </option>
                {CARRIERS.map((carrier) => (
                  <option key={carrier} value={carrier}>
                    {carrier}
                  </option>
                ))}
              </select>
              {errors.carrier ? (
                <span id="ship-carrier-error" className="font-normal text-danger">
                  {errors.carrier}
                </span>
              ) : null}
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium">
              Tracking number
              <input
                name="trackingNumber"
                defaultValue={typed.trackingNumber ?? ''}
                key={`tracking-${typed.trackingNumber ?? ''}`}
                required
                maxLength={TRACKING_NUMBER_MAX + 20}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={Boolean(errors.trackingNumber)}
                aria-describedby={errors.trackingNumber ? 'ship-tracking-error' : undefined}
                className={`${input} w-56`}
              />
              {errors.trackingNumber ? (
                <span id="ship-tracking-error" className="font-normal text-danger">
                  {errors.trackingNumber}
                </span>
              ) : null}
            </label>
          </div>
          {isHeld ? (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="shipAnyway" value="yes" className="mt-1" />
              <span>
                <span className="font-medium">Ship anyway</span>: I checked this order and the fraud
                warning, and want to send the goods.
              </span>
            </label>
          ) : null}
          <div>
            <SubmitButton pendingLabel="Marking shipped…" className={isHeld ? DANGER : PRIMARY}>
              Mark shipped
            </SubmitButton>
          </div>
        </form>
      ) : null}

      {hasShipped(status) ? (
        <div className="flex flex-wrap items-start gap-2">
          {status === 'shipped' ? (
            <form action={deliver}>
              <input type="hidden" name="orderId" value={orderId} />
              <SubmitButton pendingLabel="Marking delivered…" className={PRIMARY}>
                Mark delivered
              </SubmitButton>
            </form>
          ) : null}
          <form action={markReturned} className="flex flex-col gap-2">
            <input type="hidden" name="orderId" value={orderId} />
            {isConfirmingReturn ? (
              <div
                role="group"
                aria-label="Confirm"
                className="flex flex-col gap-2 rounded-md border border-line bg-paper p-3"
              >
                <p className="text-sm font-medium">
                  Mark order {orderNumber} as returned? Do it once the goods are back with you;
                  refund separately if the money goes back.
                </p>
                <div className="flex flex-wrap gap-2">
                  <SubmitButton pendingLabel="Marking returned…" className={PRIMARY}>
                    Mark returned
                  </SubmitButton>
                  <button
                    type="button"
                    className={SECONDARY}
                    onClick={() => setConfirmingAfter(null)}
                  >
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <button
                type="button"
                className={SECONDARY}
                onClick={() => setConfirmingAfter(returned)}
              >
                Mark returned…
              </button>
            )}
          </form>
        </div>
      ) : null}

      <ActionMessage state={shipped} />
      <ActionMessage state={delivered} />
      <ActionMessage state={returned} />
    </div>
  );
}
