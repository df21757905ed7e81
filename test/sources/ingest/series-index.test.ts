import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SeriesIndex } from '../../../src/sources/ingest/series-index.js';
import { seededRandom } from '../../helpers/ingest.js';

const view = (text: string) => {
  const b = Buffer.from(text, 'latin1');
  return { b, v: new DataView(b.buffer, b.byteOffset, b.byteLength) };
};

describe('series index', () => {
  const keys = [
    'cpu,host=a usage',
    'cpu,host=a idle',
    'cpu,host=b usage',
    'mem,host=a used',
    'disk,path=/\\ x free',
  ];
  const index = new SeriesIndex();
  keys.forEach((k, i) => assert.equal(index.add(k), i));

  test('whole keys and their parts find their ids; unknown ones -1', () => {
    keys.forEach((k, i) => assert.equal(index.findKey(k), i));
    assert.equal(index.findKey('cpu,host=c usage'), -1);
    assert.equal(index.findKey('cpu,host=a used'), -1);
    keys.forEach((k, i) => assert.equal(index.keyOf(i), k));
  });

  test('a guess is only a hint: right, wrong or out of range, the answer is the same', () => {
    const { b, v } = view('cpu,host=b usage');
    const cut = b.indexOf(32);
    const truth = index.findPart(v, 0, cut);
    assert.ok(truth >= 0);
    for (const guess of [-5, -1, 0, truth, truth + 1, 99, 2 ** 30]) {
      const part = index.findPart(v, 0, cut, guess);
      assert.equal(part, truth, `guess ${guess}`);
      for (const fieldGuess of [-1, 0, 1, 2, 3, 4, 1000])
        assert.equal(
          index.findField(part, v, cut + 1, b.length, fieldGuess),
          2,
          `field guess ${fieldGuess}`,
        );
    }
    const other = view('cpu,host=a idle');
    const part = index.findPart(other.v, 0, other.b.indexOf(32), truth); // a wrong guess: the part of host=b
    assert.equal(index.findField(part, other.v, other.b.indexOf(32) + 1, other.b.length, 0), 1);
    assert.equal(index.findField(part, view('cpu,host=a nope').v, 11, 15, 1), -1);
  });

  test('many keys in any order: every lookup by bytes agrees with the key it was added under', () => {
    const big = new SeriesIndex();
    const random = seededRandom(3);
    const all = Array.from(
      { length: 3000 },
      (_, i) => `m${i % 7},host=h${Math.floor(i / 7)},dc=x${i % 3} f${i % 4}`,
    );
    all.forEach((k, i) => assert.equal(big.add(k), i));
    let guess = -1;
    for (let n = 0; n < 5000; n++) {
      const i = Math.floor(random() * all.length);
      const { b, v } = view(all[i]!);
      const cut = b.indexOf(32);
      const part = big.findPart(v, 0, cut, guess + 1);
      const id = big.findField(part, v, cut + 1, b.length, guess + 1);
      assert.equal(id, i);
      guess = random() < 0.5 ? id : Math.floor(random() * 4000) - 500;
    }
  });
});
