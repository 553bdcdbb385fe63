// Starts Debian's nginx on a loopback port, serving the built app (dist/) under a sub-path,
// with the project's own configuration. A real server, so headers, types and fallbacks are
// the ones a portal would get.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, symlinkSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import net from 'node:net';

const root = resolve(new URL('../../..', import.meta.url).pathname);

export async function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

/**
 * Serves `dist` at `/<subPath>/` on 127.0.0.1. `extraHeaders` are added to every response
 * (used for the Content-Security-Policy tests). Returns { url, stop }.
 */
export async function startServer({ subPath = 'reader', dist = join(root, 'dist'), extraHeaders = {} } = {}) {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`no build at ${dist}: run scripts/build.sh first`);
  }
  const port = await freePort();
  const dir = join(root, '.tmp', `nginx-${port}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(join(dir, 'www', subPath)), { recursive: true });
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  symlinkSync(dist, join(dir, 'www', subPath));
  // Debian's module snippets name modules relative to the prefix, which -p moves here.
  symlinkSync('/usr/lib/nginx/modules', join(dir, 'modules'));
  const template = readFileSync(join(root, 'deploy', 'nginx-site.conf'), 'utf8');
  const headers = Object.entries(extraHeaders)
    .map(([k, v]) => `add_header ${k} "${v}" always;`)
    .join('\n    ');
  const site = template
    .replaceAll('@SUBPATH@', subPath)
    .replaceAll('# @EXTRA_HEADERS@', headers);
  // Started as root, nginx's workers would run as nobody, who cannot read a checkout in a
  // private folder (mktemp -d makes them 0700): they keep the user that started them.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  writeFileSync(join(dir, 'nginx.conf'), `
daemon off;
${user}
include /etc/nginx/modules-enabled/*.conf;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp;
  proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp;
  scgi_temp_path ${dir}/tmp;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    ${site}
  }
}
`);
  const proc = spawn('/usr/sbin/nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}/${subPath}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    accessLog: () => readFileSync(join(dir, 'access.log'), 'utf8'),
    stop: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}
