import { provinceOf } from '../codelists/index.js';
import { residenceOn, type Residence } from './addresses.js';

/** What the career simulation needs to know about a person. Days are day numbers. */
export interface WorkerProfile {
  birth: number;
  death: number | null;
  female: boolean;
  manual: boolean;
  /** First day available for a regular job: after school, or after arriving in Belgium. */
  careerStart: number;
  /** From when student jobs are possible (16th birthday), null when the person did not study here. */
  studentFrom: number | null;
  /** The career ends the day before. */
  retirement: number;
  /** Never employed (self-employed, homemaker, long-term ill…). */
  noCareer: boolean;
  /** Lives abroad (bis number): a frontier worker's full unemployment is paid by the country of residence (Reg. 883/2004 art. 65), so no spells here. */
  livesAbroad: boolean;
  /** Position in the wage distribution (standard normal). */
  wageZ: number;
  residences: readonly Residence[];
  /** Where someone living abroad works (NIS province key, see `provinceOf`): near their border. */
  workProvince: string | null;
  /** Seasonal worker from abroad: occasional days in horticulture every year from then on; null for everyone else. */
  seasonalFrom: number | null;
}

/** The province someone works in (most of the time): where they live, or for those abroad, across their border. */
export function provinceOn(profile: WorkerProfile, day: number): string | null {
  const residence = residenceOn(profile.residences, day);
  return residence ? provinceOf(residence.nisCode) : profile.workProvince;
}
