// Issue 13.4: diff shows a changed role title once, on the role, with the settings that name
// the role — not a row for every reference (14 rows for one change before).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { diffMethodologies } from '../../src/methodology/diff.js';
import { useLanguage } from '../../src/i18n/index.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';
import { capturingIo } from '../helpers/cli.js';

const body = (roles: string) => `id: renamed-role
extends: model-2025
title: { kk: Сынақ әдістемесі }
body: { name: { kk: Сынақ органы } }
act: { kind: { kk: бұйрық }, number: "1", date: "2025-09-01" }
inForce: { from: "2025-09-01" }
formHeader: { kk: Сынақ органының әдістемесіне }
${roles}`;

function load(text: string): { file: string; methodology: Methodology } {
  const file = join(mkdtempSync(join(tmpdir(), 'bagalau-diff-')), 'renamed-role.yaml');
  writeFileSync(file, text);
  const loaded = loadResolved(file);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return { file, methodology: loaded.methodology };
}

const model = (() => {
  const loaded = loadResolved('model-2025');
  if (!loaded.ok) throw new Error('model-2025');
  return loaded.methodology;
})();
const renamed = load(
  body(`roles:
  hrService:
    title: { kk: адами ресурстар департаменті, ru: департамент человеческих ресурсов, en: HR department }
    basis: { clause: "3" }
`),
);

describe('diff: a renamed role', () => {
  // In Kazakh, the language the body wrote the new title in (the tests otherwise run in English).
  useLanguage('kk');
  const rows = diffMethodologies(model, renamed.methodology);
  useLanguage('en');

  it('is one row, on the role, listing where the role is used', () => {
    const roleRows = rows.filter((r) => r.a.includes('персоналды басқару қызметі') || r.b.includes('адами ресурстар департаменті'));
    expect(roleRows).toHaveLength(1);
    expect(roleRows[0]).toMatchObject({
      pointer: '/roles/hrService/title',
      a: 'персоналды басқару қызметі (кадр қызметі)',
      b: 'адами ресурстар департаменті',
      bClause: '3-тармақ (renamed-role)',
    });
    expect(roleRows[0].usedIn).toEqual(
      expect.arrayContaining(['Calibration › Organises the session', 'Deadlines › yearResult › Responsible']),
    );
    expect(roleRows[0].usedIn!.length).toBeGreaterThanOrEqual(5);
    expect(new Set(roleRows[0].usedIn).size).toBe(roleRows[0].usedIn!.length);
  });

  it('still shows a setting that names another role', () => {
    const moved = load(
      body(`calibration:
  organizer: unitHead
  basis: { clause: "9" }
`),
    );
    const changed = diffMethodologies(model, moved.methodology).filter((r) => r.pointer.startsWith('/calibration/'));
    expect(changed.map((r) => r.pointer)).toContain('/calibration/organizer');
    expect(changed.find((r) => r.pointer === '/calibration/organizer')!.b).toMatch(/\(unitHead\)$/);
  });

  it('bagalau diff prints the uses under the setting', async () => {
    const { io, text } = capturingIo({ columns: 200 });
    await main(['diff', 'model-2025', renamed.file, '--lang', 'kk'], io);
    expect(text.out).toMatch(/Roles › hrService › Title/);
    expect(text.out).toMatch(/used in: Calibration › Organises the session;/);
    expect(text.out.match(/адами ресурстар департаменті/g)).toHaveLength(1);
  });
});
