// French wording of the pages, without a browser: level names learnt from levels.yaml's labels,
// and what a partial value says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverageNote, learnLevels, levelName } from '../src/shared/format.js';

test('a level declared only in levels.yaml is named from its label, singular and plural', () => {
  assert.equal(levelName('canton'), 'canton', 'unknown: its id');
  learnLevels({ canton: 'Canton', bassin: 'Bassin de vie', pays: 'Pays', region: 'REGION' });
  assert.equal(levelName('canton', true), 'cantons');
  assert.equal(levelName('bassin'), 'bassin de vie');
  assert.equal(levelName('bassin', true), 'bassins de vie', 'the first word takes the plural');
  assert.equal(levelName('pays', true), 'pays');
  assert.equal(levelName('region', true), 'régions', 'a level the page knows keeps its accents');
});

test('a partial value says how much of its members it counts; a complete one says nothing', () => {
  assert.equal(coverageNote({ from: 'commune', counted: 35, members: 393, population: 0.4476, partial: true }),
    '35 communes sur 393, 45 % de la population');
  assert.equal(coverageNote({ from: 'commune', counted: 1, members: 2, population: null, partial: true }),
    '1 commune sur 2');
  assert.equal(coverageNote({ from: 'commune', counted: 2, members: 2, population: 1, partial: false }), null);
});
