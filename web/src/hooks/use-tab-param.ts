// useTabParam: a screen's selected tab kept in the address (?tab=), so a link or a reload opens the same one.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The tab named by `?tab=` (the first tab when it names none of them), and how to select another; the first tab leaves the address bare. */
export function useTabParam<Id extends string>(tabs: ReadonlyArray<{ readonly id: Id }>): [Id, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const first = tabs[0]!.id;
  const tab = tabs.find((each) => each.id === asked)?.id ?? first;
  const select = useCallback((id: string) => setParams(id === first ? {} : { tab: id }, { replace: true }), [setParams, first]);
  return [tab, select];
}
