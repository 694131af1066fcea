import vn2023 from './vn-2023.json';
import vn2024 from './vn-2024.json';
import vn2025 from './vn-2025.json';
import vn2026 from './vn-2026.json';
import vn2027 from './vn-2027.json';

/**
 * Announced calendars by year. Imported statically (not read from disk) so building a snapshot stays
 * pure and bundlers see every file; a new year needs its JSON file plus one line here.
 */
export const ANNOUNCEMENTS: Readonly<Record<number, unknown>> = {
  2023: vn2023,
  2024: vn2024,
  2025: vn2025,
  2026: vn2026,
  2027: vn2027,
};
