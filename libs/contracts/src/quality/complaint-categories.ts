/**
 * the categories a member of the public chooses from on the complaint web form: the
 * quality service's web-form DTO validates against this list and the console's form offers it, so
 * the two can never drift apart. A closed list, not free text: categories reach statistics and
 * regulator views, and a typed-in category could carry a name.
 *
 * Plain data without schema tooling, so the browser console can import it cheaply (package.json
 * `sideEffects: false` lets its bundler leave the rest of the contracts, and zod, out).
 */
export const WebFormCategories = ['calibration-result', 'certificate', 'time-limit', 'fees', 'service-conduct', 'item-damage', 'other'] as const;

export type WebFormCategory = (typeof WebFormCategories)[number];
