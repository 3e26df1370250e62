// Tests for the slot arithmetic shared by the column rings.
import { describe, expect, it } from 'vitest';
import { RingSlots } from './ring-slots.ts';

describe('RingSlots', () => {
  it('hands out slots in turn and reuses the oldest past its capacity', () => {
    const slots = new RingSlots(3);
    expect([slots.claim(), slots.claim(), slots.claim(), slots.claim(), slots.claim()]).toEqual([0, 1, 2, 0, 1]);
    expect(slots.count).toBe(3);
  });

  it('lists the last n slots oldest first, never more than are held', () => {
    const slots = new RingSlots(3);
    expect(slots.last(2)).toEqual([]);
    slots.claim();
    slots.claim();
    expect(slots.last(5)).toEqual([0, 1]);
    slots.claim();
    slots.claim();
    expect(slots.last(5)).toEqual([1, 2, 0]);
    expect(slots.last(1)).toEqual([0]);
    expect(slots.last(2.7)).toEqual([2, 0]);
    expect(slots.last(0)).toEqual([]);
    expect(slots.last(-1)).toEqual([]);
  });

  it('holds nothing with no capacity', () => {
    const slots = new RingSlots(0);
    expect(slots.claim()).toBe(-1);
    expect(slots.count).toBe(0);
    expect(slots.last(1)).toEqual([]);
  });
});
