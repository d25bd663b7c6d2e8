import { describe, expect, it } from 'vitest';

import { parseHash } from './router';

describe('routes', () => {
  it('reads the plan pages', () => {
    expect(parseHash('#/plans').route).toEqual({ page: 'plans' });
    expect(parseHash('#/plans/2565').route).toEqual({ page: 'plan', year: 2565, part: 'document' });
    expect(parseHash('#/plans/2562/kpis?year=2561').route).toEqual({ page: 'plan', year: 2562, part: 'kpis' });
    expect(parseHash('#/plans/2562/kpis?year=2561').query.get('year')).toBe('2561');
    expect(parseHash('#/plans/2566/edit').route).toEqual({ page: 'plan', year: 2566, part: 'edit' });
  });

  it('sends unknown plan addresses to not-found', () => {
    expect(parseHash('#/plans/abc').route.page).toBe('not-found');
    expect(parseHash('#/plans/2565/print').route.page).toBe('not-found');
  });

  it('keeps the other pages', () => {
    expect(parseHash('#/').route).toEqual({ page: 'overview' });
    expect(parseHash('#/schools/1024070191').route).toEqual({ page: 'school', code: '1024070191' });
  });
});
