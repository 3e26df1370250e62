// Market screen (/markets/:symbol): chart, order book, trades and order entry of one symbol.
import { useParams } from 'react-router';
import { PlaceholderPage } from '../components/page.tsx';

export function MarketPage() {
  const { symbol = '' } = useParams();
  return <PlaceholderPage title={`Market ${symbol}`} description="Chart, order book, recent trades and order entry of one symbol." />;
}
