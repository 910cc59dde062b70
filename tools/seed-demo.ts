// A small demo data set, created through the gateway like any client would.
import { signAccessToken } from '@calchain/platform';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

async function main() {
  const token = await signAccessToken(
    { tenant: 'demo-lab', subject: 'demo-clerk', roles: ['intake-clerk'] },
    { secret: process.env.JWT_SECRET!, issuer: process.env.JWT_ISSUER ?? 'calchain-local', audience: process.env.JWT_AUDIENCE ?? 'calchain' },
  );
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const orders = [
    { customerId: 'demo-customer-1', placeOfWork: 'lab', dueDate: null, items: [
      { description: 'Gauge block 50 mm, grade 1', serialNumber: 'GB-0050-17', serviceKind: 'calibration', methodCode: 'JJG 146-2011' },
      { description: 'Electronic balance 220 g', serialNumber: 'EB-220-A3', serviceKind: 'verification', methodCode: 'JJG 1036-2022' },
    ] },
    { customerId: 'demo-customer-2', placeOfWork: 'on-site', dueDate: null, items: [
      { description: 'Pressure gauge 0–1.6 MPa', serialNumber: 'PG-16-221', serviceKind: 'verification', methodCode: 'JJG 52-2013' },
    ] },
  ];
  for (const order of orders) {
    const response = await fetch(`${gateway}/api/intake/work-orders`, { method: 'POST', headers, body: JSON.stringify(order) });
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
    const created = (await response.json()) as { orderNumber: string; id: string };
    process.stdout.write(`demo work order ${created.orderNumber} (${created.id})\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
