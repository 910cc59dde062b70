/**
 * environmental quantities and the one unit each is kept in. Sensors and method limits
 * state their unit and must use this one: a limit in °F compared with readings in °C is exactly
 * the kind of silent error a lab cannot afford.
 */
export const CANONICAL_UNITS = {
  temperature: '°C',
  'relative-humidity': '%RH',
  pressure: 'hPa',
  'mains-voltage': 'V',
  'mains-frequency': 'Hz',
  vibration: 'mm/s',
  emi: 'V/m',
} as const;

export type EnvironmentQuantity = keyof typeof CANONICAL_UNITS;
export const ENVIRONMENT_QUANTITIES = Object.keys(CANONICAL_UNITS) as [EnvironmentQuantity, ...EnvironmentQuantity[]];

/** A limit on one quantity; an open side is null ("at most 70 %RH"). */
export interface EnvironmentalLimit {
  quantity: EnvironmentQuantity;
  lower: string | null;
  upper: string | null;
  unit: string;
}
