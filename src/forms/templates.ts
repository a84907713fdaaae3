// The Handlebars templates of templates/: one per kind of form (or forms.*.template in the
// methodology), partials for the shared blocks, the print CSS and the document layout.
// Compiled once; rendering is a pure function of the view models.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { FORMS_ORIGIN, fontFaceCss, tinosFonts } from './fonts.js';
import type { FormView, Printed } from './viewModels.js';

export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

interface Compiled {
  layout: Handlebars.TemplateDelegate;
  forms: Map<string, Handlebars.TemplateDelegate>;
  css: string;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  // A CSS string literal (for @page content): JSON quoting is valid CSS for these texts.
  hb.registerHelper('cssString', (value: unknown) =>
    (typeof value === 'string' && value ? JSON.stringify(value) : '""').replace(/</g, '\\3C '),
  );
  hb.registerHelper('join', (list: unknown) => (Array.isArray(list) ? list.join(', ') : ''));
  // A text of the methodology (the view model's Printed), escaped; a one-word value never breaks at its hyphen, a strong one is bold.
  hb.registerHelper('print', (value: unknown) => {
    if (typeof value === 'string') return value;
    const parts = (value as Printed | undefined)?.parts;
    if (!Array.isArray(parts)) return '';
    const escape = hb.Utils.escapeExpression;
    const one = (p: Printed['parts'][number]) => (p.keep ? `<span class="nowrap">${escape(p.text)}</span>` : escape(p.text));
    return new hb.SafeString(parts.map((p) => (p.strong ? `<b>${one(p)}</b>` : one(p))).join(''));
  });
  const partialsDir = join(templatesDir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
  }
  const options = { strict: false, noEscape: false, preventIndent: true };
  const forms = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(templatesDir).filter((f) => f.endsWith('.hbs') && f !== 'layout.hbs')) {
    forms.set(basename(file, '.hbs'), hb.compile(readFileSync(join(templatesDir, file), 'utf8'), options));
  }
  compiled = {
    layout: hb.compile(readFileSync(join(templatesDir, 'layout.hbs'), 'utf8'), options),
    forms,
    css: readFileSync(join(templatesDir, 'forms.css'), 'utf8'),
  };
  return compiled;
}

/** The inner HTML of one form. */
export function renderForm(view: FormView): string {
  const template = compile().forms.get(view.template);
  if (!template) throw new Error(`no template templates/${view.template}.hbs for the form ${view.formId}`);
  return template(view);
}

/** The PDF's metadata of a document (by default, its one form's). */
export interface DocumentMeta {
  title?: string;
  author?: string;
  subject?: string;
}

/**
 * A whole printable document: one or more forms, each starting on a new page. Its title is
 * the form's title (one form) or `meta.title` (a bundle of forms); author and subject are
 * written as <meta> for the printer, which puts them in the PDF's Info.
 */
export function renderDocument(views: FormView[], meta: DocumentMeta = {}): string {
  if (views.length === 0) throw new Error('a document needs at least one form');
  const { layout, css } = compile();
  return layout({
    title: meta.title ?? (views.length === 1 ? views[0].title : `${views[0].bodyName}: ${views.length} нысан`),
    author: meta.author ?? views[0].author ?? views[0].bodyName,
    subject: meta.subject ?? (views.length === 1 ? views[0].subject : ''),
    fontUrls: tinosFonts().map((f) => `${FORMS_ORIGIN}/fonts/${f.file}`),
    fontFaces: fontFaceCss(),
    css,
    pageWord: views[0].pageWord ? ` ${views[0].pageWord}` : '',
    mark: views.find((v) => v.mark)?.mark ?? '',
    forms: views.map((view) => ({ formId: view.formId, orientation: view.orientation, mark: view.mark, html: renderForm(view) })),
  });
}
