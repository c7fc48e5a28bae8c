/** The console's page frame: navigation, language switch, sign-out, a flash message. */
import { displayTime } from '../../core/vietnam-calendar.js';
import type { Language } from '../../core/types.js';
import type { StaffContext, Tr } from '../context.js';
import { html, type Html } from '../html.js';

export interface PageInput {
  tr: Tr;
  lang: Language;
  title: string;
  staff?: StaffContext;
  /** The current path, for the language switch to come back to. */
  path: string;
  flash?: string;
  body: Html;
}

const NAV = [
  ['/admin/questions', 'nav.questions'],
  ['/admin/requests', 'nav.requests'],
  ['/admin/dashboard', 'nav.dashboard'],
  ['/admin/entries', 'nav.entries'],
  ['/admin/knowledge', 'nav.knowledge'],
] as const;

export function page(p: PageInput): Html {
  const { tr } = p;
  const other: Language = p.lang === 'vi' ? 'en' : 'vi';
  const nav = p.staff
    ? html`<nav aria-label="${tr('nav.label')}"><ul>
        ${NAV.map(([href, key]) => html`<li><a href="${href}"${p.path.startsWith(href) ? html` aria-current="page"` : ''}>${tr(key)}</a></li>`)}
        ${p.staff.role === 'admin' ? html`<li><a href="/admin/users"${p.path.startsWith('/admin/users') ? html` aria-current="page"` : ''}>${tr('nav.users')}</a></li>` : ''}
      </ul>
      <form method="post" action="/admin/logout" class="inline"><input type="hidden" name="_csrf" value="${p.staff.csrf}"><span class="who">${p.staff.name} (${tr(`roles.${p.staff.role}`)})</span> <a href="/admin/password">${tr('nav.password')}</a> <button type="submit">${tr('nav.signOut')}</button></form>
      </nav>`
    : '';
  return html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${p.title} · ${tr('product')}</title>
<link rel="stylesheet" href="/admin/static/admin.css">
<script src="/admin/static/admin.js" defer></script>
</head>
<body>
<header class="top"><a class="brand" href="/admin/questions">${tr('product')}</a>
<a class="lang" href="/admin/lang?to=${other}&amp;back=${encodeURIComponent(p.path)}" lang="${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a>
${nav}</header>
<main id="main">
<h1>${p.title}</h1>
${p.flash ? html`<p class="flash" role="status">${p.flash}</p>` : ''}
${p.body}
</main>
</body>
</html>`;
}

/** dd/mm/yyyy hh:mm in Vietnam's time, in both languages (a clerk's spreadsheet reads the same). */
export function formatTime(ms: number, _lang?: Language): string {
  return displayTime(ms);
}
