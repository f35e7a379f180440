# Administrative statements go through the local socket as the postgres superuser (peer/trust there),
# or through PGADMIN_URL when the server is elsewhere.
admin_psql() {
  if [[ -n "${PGADMIN_URL:-}" ]]; then psql "$PGADMIN_URL" -v ON_ERROR_STOP=1 -qtAX "$@"
  elif [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAX "$@"
  else psql -U postgres -h "$PGHOST" -p "$PGPORT" -v ON_ERROR_STOP=1 -qtAX "$@"; fi
}
