/**
 * The return checklist: what goes back to the customer is counted against what came in
 * at intake. The intake service refuses a hand-over that differs (same rules as its
 * `checklistDifferences`: names compared trimmed and case-insensitive); the window shows the
 * differences while the clerk counts, before asking.
 */
export interface ChecklistEntry {
  name: string;
  quantity: number;
}

/** A photo or scan kept in the document store by its hash; intake keeps the reference. */
export interface Attachment {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageRef: string;
}

export interface ItemIntake {
  label: string;
  channel: string;
  condition: string;
  conditionAcceptable: boolean;
  accessories: ChecklistEntry[];
  documents: string[];
  photos?: Attachment[];
  receivedAt: string;
}

export interface ItemReturn {
  accessories: ChecklistEntry[];
  documents: string[];
  handedOverTo: string | null;
  receiverDescription: string | null;
  signatureRef: string;
  photos?: Attachment[];
  returnedAt: string;
}

/** GET /api/intake/items/:id/handling */
export interface Handling {
  intake: ItemIntake;
  return: ItemReturn | null;
}

/** One line of the return checklist as the clerk ticks it: handed back or not, and how many. */
export interface ReturnLine {
  name: string;
  received: number;
  handedBack: boolean;
  quantity: string;
}

/** The checklist starts as the intake left it: everything ticked, in the received quantities. */
export function returnLines(received: readonly ChecklistEntry[]): ReturnLine[] {
  return received.map((a) => ({ name: a.name, received: a.quantity, handedBack: true, quantity: String(a.quantity) }));
}

/** What the hand-over body lists: the ticked lines with their counted quantity. */
export function handedBack(lines: readonly ReturnLine[]): ChecklistEntry[] {
  return lines.filter((l) => l.handedBack).map((l) => ({ name: l.name, quantity: Number(l.quantity) }));
}

export type Difference =
  | { kind: 'missing'; name: string; received: number }
  | { kind: 'quantity'; name: string; received: number; returned: number }
  | { kind: 'unexpected'; name: string; returned: number }
  | { kind: 'document-missing'; name: string }
  | { kind: 'document-unexpected'; name: string };

const norm = (s: string) => s.trim().toLowerCase();

/** Every way the hand-over differs from the intake; empty when it matches. */
export function checklistDifferences(intake: { accessories: readonly ChecklistEntry[]; documents: readonly string[] }, back: { accessories: readonly ChecklistEntry[]; documents: readonly string[] }): Difference[] {
  const out: Difference[] = [];
  const returned = new Map(back.accessories.map((a) => [norm(a.name), a]));
  const received = new Set(intake.accessories.map((a) => norm(a.name)));
  for (const a of intake.accessories) {
    const r = returned.get(norm(a.name));
    if (!r) out.push({ kind: 'missing', name: a.name, received: a.quantity });
    else if (r.quantity !== a.quantity) out.push({ kind: 'quantity', name: a.name, received: a.quantity, returned: r.quantity });
  }
  for (const r of back.accessories) if (!received.has(norm(r.name))) out.push({ kind: 'unexpected', name: r.name, returned: r.quantity });
  const docsBack = new Set(back.documents.map(norm));
  const docsIn = new Set(intake.documents.map(norm));
  for (const d of intake.documents) if (!docsBack.has(norm(d))) out.push({ kind: 'document-missing', name: d });
  for (const d of back.documents) if (!docsIn.has(norm(d))) out.push({ kind: 'document-unexpected', name: d });
  return out;
}

/** The receiver: a contact of the customer, or a description (courier and waybill) — the service needs one. */
export function receiverOf(contactId: string, description: string): { handedOverTo: string | null; receiverDescription: string | null } | null {
  if (contactId) return { handedOverTo: contactId, receiverDescription: description.trim() || null };
  return description.trim() ? { handedOverTo: null, receiverDescription: description.trim() } : null;
}

/** One entry per non-empty line, trimmed (documents that came with the item). */
export function linesOf(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** SHA-256 of a file, and the reference the document store keeps it under. */
export async function describeFile(file: File): Promise<Attachment> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { fileName: file.name, mediaType: file.type || 'image/jpeg', sizeBytes: file.size, sha256, storageRef: `docs://sha256/${sha256}` };
}
