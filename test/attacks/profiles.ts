import { citizenHeaders } from '../src/helpers/citizens.js';
import { partnerHeaders } from '../src/helpers/partnerHeaders.js';

/**
 * Who tries each attack: a partner holding an authorization in force, one whose
 * only authorization has expired, one holding none, and a citizen. An attack
 * must fail the same way whatever its author holds.
 */
export type ProfileName = 'granted' | 'expired' | 'none' | 'citizen';

export interface Profile {
  name: ProfileName;
  /** The caller id its requests are recorded under. */
  partnerId: string;
  headers(): Promise<Record<string, string>>;
}

/** The reference person of the README: employed twice, a year of unemployment between. */
export const REFERENCE_SSIN = '85073003328';

export const profiles: Record<ProfileName, Profile> = {
  granted: { name: 'granted', partnerId: 'capac', headers: () => partnerHeaders('capac', 'UNEMPLOYMENT_BENEFIT') },
  expired: { name: 'expired', partnerId: 'forem', headers: () => partnerHeaders('forem', 'JOB_SEEKER_GUIDANCE') },
  none: { name: 'none', partnerId: 'inspection', headers: () => partnerHeaders('inspection', 'SOCIAL_INSPECTION') },
  citizen: { name: 'citizen', partnerId: 'citizen', headers: () => citizenHeaders(REFERENCE_SSIN) },
};

export const allProfiles: readonly ProfileName[] = ['granted', 'expired', 'none', 'citizen'];
