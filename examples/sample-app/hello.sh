#!/bin/busybox sh
# Prints the greeting; with "serve" as argument, also serves /www on port 8080.
echo "$GREETING"
if [ "$1" = "serve" ]; then
  exec /bin/busybox httpd -f -p 8080 -h /www
fi
