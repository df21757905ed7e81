import { shiftMonth } from '../month';

/** Steps a view's month back and forth. */
export function MonthPicker({ month, onChange }: { month: string; onChange: (m: string) => void }) {
  return (
    <span class="tabs">
      <button onClick={() => onChange(shiftMonth(month, -1))}>‹</button>
      <b class="month">{month}</b>
      <button onClick={() => onChange(shiftMonth(month, 1))}>›</button>
    </span>
  );
}
