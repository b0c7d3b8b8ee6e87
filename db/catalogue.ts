/**
 * The demo catalogue `npm run db:seed` loads: kitchen and home goods whose images ship in
 * public/products. Prices are in US cents and converted to the store's currency by seed.ts.
 * Every one-time product is a physical good that ships; the recurring membership does not
 * (Checkout offers shipping rates on one-time purchases only).
 */

/** Stripe Tax's code for general tangible goods (https://docs.stripe.com/tax/tax-codes). */
export const GENERAL_TANGIBLE_GOODS = 'txcd_99999999';
export interface CatalogueEntry {
  slug: string;
  name: string;
  description: string;
  usdCents: number;
  /** null = unlimited. */
  stock: number | null;
  active?: boolean;
  /** A fixed price instead of `usdCents` converted to the store's currency. */
  price?: { amount: number; currency: string };
  /** Sold as a subscription, billed every `intervalCount` intervals. */
  recurring?: { interval: 'month' | 'year'; intervalCount: number };
  /** An image other than /products/<slug>.svg. */
  image?: string;
  /** A Stripe tax code other than GENERAL_TANGIBLE_GOODS, for a product that ships. */
  taxCode?: string;
}

export const DEMO_CATALOGUE: CatalogueEntry[] = [
  {
    slug: 'ceramic-pour-over',
    name: 'Ceramic Pour-Over Dripper',
    description:
      'A slow cup, made simply. Glazed stoneware holds heat evenly, and three spiral ribs keep the filter from sealing to the wall so the water draws through at an even pace. Fits size 02 paper filters.',
    usdCents: 3400,
    stock: 24,
  },
  {
    slug: 'stoneware-mug',
    name: 'Stoneware Mug',
    description:
      'Wheel-thrown in small batches with a satin speckled glaze. Holds 350 ml, with a handle wide enough for three fingers. Dishwasher and microwave safe.',
    usdCents: 2800,
    stock: null,
  },
  {
    slug: 'linen-apron',
    name: 'Linen Apron',
    description:
      'Stonewashed European linen that softens with every wash. Adjustable neck strap, long ties, and two deep front pockets for a thermometer and a towel.',
    usdCents: 4800,
    stock: 3,
  },
  {
    slug: 'cast-iron-skillet',
    name: 'Cast Iron Skillet, 26 cm',
    description:
      'Pre-seasoned with flaxseed oil and machined smooth inside, so eggs release from the first use. Goes from hob to oven to table, and will outlast its owner.',
    usdCents: 8900,
    stock: 12,
  },
  {
    slug: 'walnut-cutting-board',
    name: 'Walnut Cutting Board',
    description:
      'End-grain American black walnut, kind to knife edges and finished with food-safe oil and beeswax. 40 × 28 cm, with a juice groove on one side.',
    usdCents: 7600,
    stock: 2,
  },
  {
    slug: 'enamel-kettle',
    name: 'Enamel Stovetop Kettle',
    description:
      'A 1.6-litre kettle in glossy enamel over steel, with a beechwood handle that stays cool and a whistle you can hear from the next room. Works on gas, electric and induction.',
    usdCents: 6200,
    stock: 18,
  },
  {
    slug: 'wool-throw',
    name: 'Lambswool Throw',
    description:
      'Woven in a small Scottish mill from soft lambswool, with a herringbone weave and fringed edges. 130 × 180 cm: big enough for the sofa, light enough for summer evenings.',
    usdCents: 12500,
    stock: 7,
  },
  {
    slug: 'beeswax-candles',
    name: 'Beeswax Taper Candles (pair)',
    description:
      'Hand-dipped from pure beeswax with cotton wicks. They burn slowly and cleanly for around eight hours each, with a faint scent of honey.',
    usdCents: 1800,
    stock: null,
  },
  {
    slug: 'glass-carafe',
    name: 'Glass Water Carafe',
    description:
      'Mouth-blown borosilicate glass with a tumbler that doubles as the lid. Holds one litre; keeps dust out of water by the bed or on the table.',
    usdCents: 3900,
    stock: 30,
  },
  {
    slug: 'copper-measuring-spoons',
    name: 'Copper Measuring Spoons',
    description:
      'Four solid copper spoons, from ¼ teaspoon to 1 tablespoon, stamped with their size and joined on a brass ring. Hand wash and they will patina beautifully.',
    usdCents: 2600,
    stock: 40,
  },
  {
    slug: 'canvas-tote',
    name: 'Waxed Canvas Market Tote',
    description:
      'Heavy waxed cotton canvas that shrugs off rain, with leather handles riveted to last and an inside pocket for keys. Carries a week of groceries.',
    usdCents: 5400,
    stock: 15,
  },
  {
    slug: 'field-notebook',
    name: 'Field Notebook, set of 3',
    description:
      'Pocket-sized notebooks with dot-grid pages of 90 g paper that takes fountain pen ink without bleeding. Kraft covers, stitched spines, 48 pages each.',
    usdCents: 1500,
    stock: null,
  },
  {
    slug: 'brass-bottle-opener',
    name: 'Solid Brass Bottle Opener',
    description:
      'A weighty opener machined from a single bar of brass. It darkens to a warm patina in the hand. Sold out for now; a new batch is being cut.',
    usdCents: 2200,
    stock: 0,
  },
  {
    slug: 'tea-tin',
    name: 'Tin-Plated Tea Caddy',
    description:
      'An airtight tea caddy with a double lid that keeps 150 g of leaves fresh. Retired from the range.',
    usdCents: 3200,
    stock: 10,
    active: false,
  },
  {
    slug: 'coffee-refill-club',
    name: 'Coffee Refill Club',
    description:
      'A membership: 250 g of freshly roasted beans every month, chosen by our roaster, plus 10% off everything else in the store. Cancel any time before your next renewal.',
    usdCents: 1000,
    price: { amount: 10000, currency: 'sek' },
    recurring: { interval: 'month', intervalCount: 1 },
    image: '/products/ceramic-pour-over.svg',
    stock: null,
  },
];

/** A demo shipping zone; rate amounts in US cents, converted to the store's currency like prices. */
export interface DemoShippingZone {
  name: string;
  countries: string[];
  rates: {
    name: string;
    usdCents: number;
    freeOverUsdCents?: number;
    minDays: number;
    maxDays: number;
  }[];
}

export const DEMO_SHIPPING_ZONES: DemoShippingZone[] = [
  {
    name: 'Domestic',
    countries: ['US'],
    rates: [
      { name: 'Standard', usdCents: 500, freeOverUsdCents: 7500, minDays: 3, maxDays: 5 },
      { name: 'Express', usdCents: 1500, minDays: 1, maxDays: 2 },
    ],
  },
  {
    name: 'Europe',
    countries: ['AT', 'BE', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE', 'IT', 'NL', 'NO', 'PT', 'SE'],
    rates: [{ name: 'Standard', usdCents: 1200, minDays: 5, maxDays: 10 }],
  },
];
