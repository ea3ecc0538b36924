"use client";
// The agenda's filter controls: native, labelled form controls.
import type { AgendaFilters } from "./filters.ts";

/**
 * The filter bar.
 * @example
 * <AgendaFiltersForm filters={filters} onChange={setFilters} topics={topics} canFilterMine={connected} />
 */
export function AgendaFiltersForm({
  filters,
  onChange,
  topics,
  canFilterMine,
}: {
  filters: AgendaFilters;
  onChange: (filters: AgendaFilters) => void;
  topics: readonly { topic: number; name: string }[];
  canFilterMine: boolean;
}) {
  return (
    <form className="filters" aria-label="Filter proposals" onSubmit={(e) => e.preventDefault()}>
      <label>
        Status
        <select
          value={filters.status}
          onChange={(e) =>
            onChange({ ...filters, status: e.target.value as AgendaFilters["status"] })
          }
        >
          <option value="all">All</option>
          <option value="open">Open</option>
          <option value="closed">Closed</option>
        </select>
      </label>
      <label>
        Topic
        <select
          value={String(filters.topic)}
          onChange={(e) =>
            onChange({
              ...filters,
              topic: e.target.value === "all" ? "all" : Number(e.target.value),
            })
          }
        >
          <option value="all">All topics</option>
          {topics.map((t) => (
            <option key={t.topic} value={t.topic}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Mode
        <select
          value={filters.mode}
          onChange={(e) => onChange({ ...filters, mode: e.target.value as AgendaFilters["mode"] })}
        >
          <option value="all">All modes</option>
          <option value="single">Single choice</option>
          <option value="quadratic">Quadratic</option>
          <option value="anonymous">Secret ballot</option>
        </select>
      </label>
      <span className="check">
        <input
          id="needs-my-vote"
          type="checkbox"
          checked={filters.needsMyVote}
          disabled={!canFilterMine}
          aria-describedby={canFilterMine ? undefined : "needs-my-vote-hint"}
          onChange={(e) => onChange({ ...filters, needsMyVote: e.target.checked })}
        />
        <label htmlFor="needs-my-vote">Needs my vote</label>
        {!canFilterMine && (
          <span id="needs-my-vote-hint" className="muted">
            (connect a wallet)
          </span>
        )}
      </span>
    </form>
  );
}
