// The sample data set: a shop's product catalog and its orders, generated deterministically (a
// seeded PRNG), so every visitor and every test sees the same items. Pure, no DOM.

export const PRODUCTS_TABLE = 'Products';
export const ORDERS_TABLE = 'Orders';
export const PRODUCT_COUNT = 1000;
export const ORDER_COUNT = 4000;
export const CUSTOMER_COUNT = 250;

/** The CreateTable requests (on demand, each with a GSI). */
export const sampleTables = [
  {
    TableName: PRODUCTS_TABLE,
    AttributeDefinitions: [
      { AttributeName: 'ProductId', AttributeType: 'S' },
      { AttributeName: 'Category', AttributeType: 'S' },
      { AttributeName: 'Price', AttributeType: 'N' },
    ],
    KeySchema: [{ AttributeName: 'ProductId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [{
      IndexName: 'ByCategory',
      KeySchema: [{ AttributeName: 'Category', KeyType: 'HASH' }, { AttributeName: 'Price', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    }],
    BillingMode: 'PAY_PER_REQUEST',
  },
  {
    TableName: ORDERS_TABLE,
    AttributeDefinitions: [
      { AttributeName: 'CustomerId', AttributeType: 'S' },
      { AttributeName: 'OrderId', AttributeType: 'S' },
      { AttributeName: 'Status', AttributeType: 'S' },
      { AttributeName: 'OrderDate', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'CustomerId', KeyType: 'HASH' }, { AttributeName: 'OrderId', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{
      IndexName: 'ByStatus',
      KeySchema: [{ AttributeName: 'Status', KeyType: 'HASH' }, { AttributeName: 'OrderDate', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['OrderTotal', 'CustomerId'] },
    }],
    BillingMode: 'PAY_PER_REQUEST',
  },
];

const CATEGORIES = {
  Books: ['Novel', 'Cookbook', 'Atlas', 'Biography', 'Poetry Collection', 'Field Guide'],
  Electronics: ['Headphones', 'Charger', 'Speaker', 'Keyboard', 'Webcam', 'Power Bank'],
  Kitchen: ['Kettle', 'Chef Knife', 'Skillet', 'Teapot', 'Cutting Board', 'Blender'],
  Garden: ['Trowel', 'Watering Can', 'Planter', 'Pruner', 'Hose', 'Seed Kit'],
  Toys: ['Puzzle', 'Kite', 'Robot', 'Board Game', 'Yo-yo', 'Building Set'],
  Sports: ['Yoga Mat', 'Football', 'Tennis Racket', 'Water Bottle', 'Jump Rope', 'Helmet'],
  Clothing: ['T-shirt', 'Scarf', 'Rain Jacket', 'Beanie', 'Sneakers', 'Socks'],
  Beauty: ['Soap', 'Lip Balm', 'Hand Cream', 'Shampoo', 'Perfume', 'Face Mask'],
  Office: ['Notebook', 'Fountain Pen', 'Desk Lamp', 'Stapler', 'Planner', 'Backpack'],
  Music: ['Ukulele', 'Harmonica', 'Guitar Strings', 'Metronome', 'Drumsticks', 'Vinyl Record'],
};
const ADJECTIVES = ['Classic', 'Compact', 'Deluxe', 'Eco', 'Handmade', 'Vintage', 'Smart', 'Travel', 'Premium', 'Everyday'];
const COLORS = ['red', 'blue', 'green', 'black', 'white', 'yellow', 'grey', 'orange'];
const STATUSES = ['PENDING', 'SHIPPED', 'DELIVERED', 'DELIVERED', 'DELIVERED', 'CANCELLED'];
const CITIES = ['Lisbon', 'Oslo', 'Austin', 'Osaka', 'Nairobi', 'Lima', 'Krakow', 'Perth'];

/** mulberry32: a small, fast, seeded PRNG giving floats in [0, 1). */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, width) => String(n).padStart(width, '0');
const cents = (value) => Math.round(value * 100) / 100;

/** The products as plain objects (DocumentClient values; Tags is a string set). */
export function* products(seed = 7) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const categories = Object.keys(CATEGORIES);
  for (let i = 1; i <= PRODUCT_COUNT; i += 1) {
    const category = categories[(i - 1) % categories.length];
    const noun = pick(CATEGORIES[category]);
    const tags = new Set([pick(COLORS), category.toLowerCase()]);
    if (next() < 0.3) tags.add('gift');
    if (next() < 0.2) tags.add('sale');
    yield {
      ProductId: `P${pad(i, 4)}`,
      ProductName: `${pick(ADJECTIVES)} ${noun}`,
      Category: category,
      Price: cents(2 + next() * next() * 198),
      Stock: next() < 0.08 ? 0 : Math.floor(next() * 500),
      Rating: Math.round((2.5 + next() * 2.5) * 10) / 10,
      Tags: tags,
    };
  }
}

/** The orders: each customer's orders through 2024, keyed by CustomerId and "date#order number". */
export function* orders(seed = 11) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const priceOf = [...products()].map((product) => product.Price);
  for (let i = 1; i <= ORDER_COUNT; i += 1) {
    const customer = 1 + ((i * 97) % CUSTOMER_COUNT);
    const day = Math.floor(next() * 366); // 2024 is a leap year
    const date = new Date(Date.UTC(2024, 0, 1 + day, Math.floor(next() * 24), Math.floor(next() * 60)));
    const lineCount = 1 + Math.floor(next() * 4);
    const lines = [];
    for (let l = 0; l < lineCount; l += 1) {
      const product = Math.floor(next() * PRODUCT_COUNT);
      const quantity = 1 + Math.floor(next() * 3);
      lines.push({ ProductId: `P${pad(product + 1, 4)}`, Quantity: quantity, Price: priceOf[product] });
    }
    const orderDate = date.toISOString().slice(0, 19) + 'Z';
    yield {
      CustomerId: `C${pad(customer, 3)}`,
      OrderId: `${orderDate.slice(0, 10)}#O${pad(i, 5)}`,
      OrderDate: orderDate,
      Status: pick(STATUSES),
      OrderTotal: cents(lines.reduce((sum, line) => sum + line.Quantity * line.Price, 0)),
      LineItems: lines,
      ShipTo: { City: pick(CITIES), Express: next() < 0.25 },
    };
  }
}

/** The guided tour: Query/Scan builder presets on the sample data, each with what it shows. */
export const tour = [
  {
    title: 'A customer\'s latest orders',
    explain: 'Query on the partition key, newest first (ScanIndexForward: false) and only ten (Limit). '
      + 'The sort key OrderId starts with the date, so the key order is the date order.',
    request: {
      operation: 'Query', TableName: ORDERS_TABLE, KeyConditionExpression: 'CustomerId = :c',
      ExpressionAttributeValues: { ':c': 'C042' }, ScanIndexForward: false, Limit: 10,
    },
  },
  {
    title: 'One month of a customer\'s orders, three attributes',
    explain: 'begins_with on the sort key narrows the range to March 2024; a projection returns only '
      + 'three attributes. Status is a reserved word, so it needs a name placeholder (#s).',
    request: {
      operation: 'Query', TableName: ORDERS_TABLE,
      KeyConditionExpression: 'CustomerId = :c AND begins_with(OrderId, :month)',
      ProjectionExpression: 'OrderId, #s, OrderTotal', ExpressionAttributeNames: { '#s': 'Status' },
      ExpressionAttributeValues: { ':c': 'C042', ':month': '2024-03' },
    },
  },
  {
    title: 'Cheap books, through the category index',
    explain: 'The global secondary index ByCategory has Category as its partition key and Price as '
      + 'its sort key, so "books under 20" is one key range, cheapest first.',
    request: {
      operation: 'Query', TableName: PRODUCTS_TABLE, IndexName: 'ByCategory',
      KeyConditionExpression: 'Category = :cat AND Price < :max',
      ExpressionAttributeValues: { ':cat': 'Books', ':max': 20 },
    },
  },
  {
    title: 'Big pending orders since December, with a filter',
    explain: 'The ByStatus index finds pending orders by date; the filter then drops small ones. '
      + 'Count is what passed the filter, ScannedCount what the key range read.',
    request: {
      operation: 'Query', TableName: ORDERS_TABLE, IndexName: 'ByStatus',
      KeyConditionExpression: '#s = :s AND OrderDate >= :since', FilterExpression: 'OrderTotal > :min',
      ExpressionAttributeNames: { '#s': 'Status' },
      ExpressionAttributeValues: { ':s': 'PENDING', ':since': '2024-12-01', ':min': 300 },
      ScanIndexForward: false,
    },
  },
];
