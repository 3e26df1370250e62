// The trading screen's Algos tab: the form that starts an algo order above the list of the account's algo orders, which shows a new one at once.
import { usePagedList } from '../../hooks/use-paged-list.ts';
import { api, type AlgoOrder, type Page } from '../../lib/api.ts';
import type { ReferenceData } from '../trading/use-reference-data.ts';
import { AlgoFormPanel } from './algo-form-panel.tsx';
import { AlgoOrdersPanel } from './algo-orders-panel.tsx';

export function AlgosSection({ reference }: { readonly reference: ReferenceData }) {
  const list = usePagedList<AlgoOrder>(({ cursor, limit, signal }) => api.get<Page<AlgoOrder>>('/api/v1/algo-orders', { cursor, limit }, signal), [], 50);
  const { reload } = list;
  return (
    <div className="flex flex-col gap-3">
      <AlgoFormPanel reference={reference} onStarted={() => void reload()} />
      <AlgoOrdersPanel reference={reference} list={list} />
    </div>
  );
}
