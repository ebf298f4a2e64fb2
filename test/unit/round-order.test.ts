// bench/round-order.ts: each round's order is a fair shuffle, the same for the same seed, and leaves its input alone.

import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from '../../bench/round-order';

describe('round order', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const draw = (seed: number) => { const random = seededRandom(seed); return Array.from({ length: 20 }, () => shuffled([1, 2, 3, 4, 5, 6], random).join('')); };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });
  it('draws numbers in [0, 1)', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });
  it('reaches every order about equally often, and puts each variant in each place about equally often', () => {
    const random = seededRandom(2026);
    const orders = new Map<string, number>();
    const places = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
    const input = [0, 1, 2, 3];
    for (let i = 0; i < 24_000; i++) {
      const order = shuffled(input, random);
      orders.set(order.join(''), (orders.get(order.join('')) ?? 0) + 1);
      order.forEach((variant, place) => places[variant]![place]!++);
    }
    expect(input).toEqual([0, 1, 2, 3]);
    expect(orders.size).toBe(24);
    for (const count of orders.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
    for (const row of places) for (const count of row) expect(Math.abs(count - 6000)).toBeLessThan(400);
  });
});
