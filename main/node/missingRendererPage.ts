// The page web mode serves when the renderer has not been built yet, saying exactly what to run.
export const missingRendererPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Virtlab: renderer not built</title></head>
<body>
<h1>Virtlab's user interface has not been built yet</h1>
<p>The web-mode server is running, but the folder <code>dist/renderer</code> does not exist.</p>
<p>Run <code>npm run build:renderer</code> in the project folder, then reload this page.</p>
</body>
</html>
`;
