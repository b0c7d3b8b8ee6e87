import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ShipmentStatus, type Shipment } from '@/components/shipment-status';

const shipped: Shipment = {
  fulfilmentStatus: 'shipped',
  shippingCarrier: 'DHL',
  trackingNumber: 'JD0146000012345',
  shippedAt: new Date('2025-05-02T08:00:00Z'),
  deliveredAt: null,
  returnedAt: null,
};

const render = (shipment: Shipment) =>
  renderToStaticMarkup(createElement(ShipmentStatus, { shipment }));

describe('the customer’s shipment status', () => {
  it('says where the parcel is, with the carrier and a link to track it', () => {
    const html = render(shipped);
    expect(html).toContain('Your order is on its way.');
    expect(html).toContain('>Shipped</dd>');
    expect(html).toContain('DHL');
    expect(html).toContain(
      'href="https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD0146000012345"',
    );
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('May 2, 2025');
  });

  it('shows an "Other" carrier’s reference without a link', () => {
    const html = render({ ...shipped, shippingCarrier: 'Other', trackingNumber: 'Van 3' });
    expect(html).toContain('Van 3');
    expect(html).not.toContain('href=');
  });

  it('before shipping says it is being prepared; with nothing to ship, shows nothing', () => {
    expect(
      render({
        ...shipped,
        fulfilmentStatus: 'unfulfilled',
        shippingCarrier: null,
        trackingNumber: null,
        shippedAt: null,
      }),
    ).toContain('We are preparing your order for shipping.');
    expect(render({ ...shipped, fulfilmentStatus: null })).toBe('');
  });
});
