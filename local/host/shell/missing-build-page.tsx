/** @jsxRuntime automatic */
import { renderToStaticMarkup } from 'react-dom/server';

/** The CDN's page for a resource that is not built yet (no styles: nothing that a policy could refuse). */
export function missingBuildPage(resourceKey: string, path: string): string {
  const title = 'This app page is not built yet';
  return `<!doctype html>${renderToStaticMarkup(
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
      </head>
      <body>
        <h1>{title}</h1>
        <p>
          The Custom UI resource <code>{resourceKey}</code> should be at <code>{path}</code>, which has no{' '}
          <code>index.html</code>.
        </p>
        <p>
          Run <code>npm run build</code> (or <code>npm start</code>, which builds what is missing), then
          reload.
        </p>
      </body>
    </html>,
  )}`;
}
