#!/usr/bin/env bash
# Builds everything, then serves the app with nginx at http://127.0.0.1:${PORT:-8080}/reader/
# (also at /, to show it needs no particular path). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
port=${PORT:-8080}
dir=$PWD/.tmp/serve
rm -rf "$dir" && mkdir -p "$dir/www" "$dir/tmp"
ln -s "$PWD/dist" "$dir/www/reader"
ln -s /usr/lib/nginx/modules "$dir/modules"
site=$(sed -e 's/@SUBPATH@/reader/g' deploy/nginx-site.conf)
# Started as root, nginx's workers would run as nobody, who cannot read a checkout in a private
# folder: they keep the user that started them.
user=""
if [ "$(id -u)" -eq 0 ]; then user="user root;"; fi
cat > "$dir/nginx.conf" <<CONF
daemon off;
$user
include /etc/nginx/modules-enabled/*.conf;
worker_processes 1;
pid $dir/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp;
  fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp;
  scgi_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
    location = / { return 302 /reader/; }
$site
  }
}
CONF
echo "Bản tin Đại hội: http://127.0.0.1:$port/reader/"
exec /usr/sbin/nginx -c "$dir/nginx.conf" -p "$dir"
