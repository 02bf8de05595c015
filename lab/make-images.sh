#!/usr/bin/env bash
# make-images.sh OUTDIR
#
# The imagecheck real-tool image lab: builds container images with Debian 12's own tools
# (umoci, skopeo, buildah, debootstrap, rpm/dnf, npm, pip, gpg) and writes, from those tools'
# output only, the facts integration tests assert (OUTDIR/facts.json, OUTDIR/*.tsv).
# See lab/README.md for what is built, timings and the tools' quirks.
#
# Needs root and Debian bookworm with the tools listed in require_tools below; exits 77 (the
# "skip" convention of automake) with a "SKIP:" line when one is missing. Reaches the Debian
# mirror apt uses (debootstrap, the arm64 busybox-static) and the npm registry.
#
# Env: SOURCE_DATE_EPOCH (default 1700000000): image creation times and file mtimes.
#      LAB_FORCE_DEBOOTSTRAP=1: rebuild the cached debootstrap rootfs (OUTDIR/.cache).
#
# Idempotent: every output is rebuilt on each run; only OUTDIR/.cache (debootstrap rootfs, arm64
# .deb, npm cache) is reused. Every tool that does real work runs under `timeout`. The only long-lived
# process it starts (gpg-agent, for its private GNUPGHOME) is stopped on exit.
set -Eeuo pipefail
umask 022
export LC_ALL=C TZ=UTC

readonly SKIP=77
T0=$SECONDS
log() { printf '[lab %(%H:%M:%S)T +%4ds] %s\n' -1 "$((SECONDS - T0))" "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }
skip() { log "SKIP: $*"; exit "$SKIP"; }
t() { local limit=$1; shift; timeout --kill-after=10s "$limit" "$@"; }
# Bounded versions of the helpers called many times below (timeout runs the binary, not these functions).
# Left unbounded: shell builtins and coreutils on small local files (mkdir, ln, chmod, cat, head, wc, ...).
jq() { timeout --kill-after=5s 120 jq "$@"; }
awk() { timeout --kill-after=5s 120 awk "$@"; }
sort() { timeout --kill-after=5s 120 sort "$@"; }
cp() { timeout --kill-after=5s 600 cp "$@"; }
sha256sum() { timeout --kill-after=5s 300 sha256sum "$@"; }
trap 'log "command failed (exit $?, line $LINENO): $BASH_COMMAND"' ERR

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 64; }

declare -A STEP_SECONDS=()
STEP=""; STEP_T=0
step() {
  [ -z "$STEP" ] || { STEP_SECONDS[$STEP]=$((SECONDS - STEP_T)); log "   $STEP took ${STEP_SECONDS[$STEP]}s"; }
  STEP=$1; STEP_T=$SECONDS
  [ -z "$STEP" ] || log "== $STEP"
}

# ------------------------------------------------------------------------------------------ 0. requirements
require_tools() {
  local missing=() c p
  for c in timeout umoci skopeo buildah debootstrap apt-get dpkg-deb dpkg-query rpm rpmbuild createrepo_c \
           dnf npm gpg gpgconf jq zstd gzip tar find sort sha256sum; do
    type -P "$c" >/dev/null 2>&1 || missing+=("$c")
  done
  for p in busybox-static tini; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p(package)")
  done
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import setuptools' 2>/dev/null && /usr/bin/python3 -c 'import pip' 2>/dev/null \
    || missing+=("python3-pip/python3-setuptools")
  tar --version 2>/dev/null | grep -q 'GNU tar' || missing+=("GNU-tar")
  [ ${#missing[@]} -eq 0 ] || skip "missing tools: ${missing[*]} (apt-get install skopeo umoci buildah debootstrap" \
    "busybox-static tini rpm createrepo-c dnf npm python3-pip python3-setuptools gnupg jq zstd)"
  [ "$(id -u)" = 0 ] || skip "needs root (umoci/buildah/debootstrap create device nodes and chown files)"
}
step requirements
require_tools

mkdir -p "$1"
OUT=$(cd "$1" && pwd)
[ "$OUT" != / ] || die "refusing to use / as OUTDIR"
W=$OUT/.work
CACHE=$OUT/.cache
SDE=${SOURCE_DATE_EPOCH:-1700000000}
export SOURCE_DATE_EPOCH=$SDE
CREATED=$(date -u -d "@$SDE" +%Y-%m-%dT%H:%M:%SZ)
PY=/usr/bin/python3  # Debian's python3 (python3-pip), not whatever python3 is first on PATH

# Remove a directory tree that a tool of ours may have left mounts in (debootstrap mounts /proc in
# its target; a killed run can leave it): unmount below it first, never cross into another fs.
remove_tree() {
  local d=$1 m
  [ -e "$d" ] || return 0
  while read -r m; do
    log "unmounting leftover mount $m"
    t 30 umount -l "$m" || true
  done < <(awk -v d="$d/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
  t 300 rm -rf --one-file-system "$d"
}

# Idempotence: drop everything a previous run wrote, except the caches.
for f in "$OUT"/*.oci "$OUT"/*.oci.tar "$OUT"/*.docker.tar "$OUT"/*.dir "$OUT"/*.tsv "$OUT"/*.txt \
         "$OUT/keys" "$OUT/facts.json" "$OUT/facts.json.tmp"; do
  [ ! -e "$f" ] || remove_tree "$f"
done
remove_tree "$W"
mkdir -p "$W/tmp" "$W/home" "$CACHE" "$OUT/keys"

# Keep the tools away from the host's configuration and state: private HOME, temp dir, containers
# storage, policy and registries configuration.
export TMPDIR=$W/tmp HOME=$W/home
mkdir -p "$HOME/.config/containers"
echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$HOME/.config/containers/policy.json"
: >"$W/registries.conf"
export CONTAINERS_REGISTRIES_CONF=$W/registries.conf
printf '[storage]\ndriver = "vfs"\nrunroot = "%s"\ngraphroot = "%s"\n' "$W/containers/run" "$W/containers/root" \
  >"$W/storage.conf"
export CONTAINERS_STORAGE_CONF=$W/storage.conf BUILDAH_ISOLATION=chroot

GNUPG_DIR=$W/gnupg
cleanup() {
  local rc=$?
  if [ -d "$GNUPG_DIR" ]; then GNUPGHOME=$GNUPG_DIR timeout 20 gpgconf --kill all >/dev/null 2>&1 || true; fi
  [ "$rc" = 0 ] || [ "$rc" = "$SKIP" ] || log "FAILED (exit $rc) during step '$STEP'; work files kept in $W"
}
trap cleanup EXIT

SKOPEO() { t 600 skopeo "$@"; }
BUILDAH() { t 600 buildah --root "$W/containers/root" --runroot "$W/containers/run" --storage-driver vfs "$@"; }
UMOCI() { t 600 umoci "$@"; }
fix_times() { t 300 find "$@" -exec touch -h -d "@$SDE" {} +; }

# The Debian mirror this machine's apt already uses (so no host name is written here).
debian_mirror() {
  local u
  u=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
      | grep -v -- -security | head -n1 \
      | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*$//') || true
  [ -n "$u" ] || die "no Debian mirror found in the apt sources"
  echo "$u"
}

# A small rootfs with busybox-static ($1: busybox binary, $2: rootfs dir).
busybox_rootfs() {
  local bin=$1 r=$2 a
  mkdir -p "$r/bin" "$r/etc" "$r/tmp" "$r/root"
  cp "$bin" "$r/bin/busybox"; chmod 0755 "$r/bin/busybox"
  for a in sh ash cat cp echo env grep id ls mkdir mv rm sed sleep wget; do ln -s busybox "$r/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$r/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
  chmod 1777 "$r/tmp"; chmod 0700 "$r/root"
  fix_times "$r"
}

# ------------------------------------------------------------------------------------------ 1. busybox
step busybox
R=$W/busybox-rootfs
busybox_rootfs /bin/busybox "$R"
L=$OUT/busybox.oci
UMOCI init --layout "$L"
UMOCI new --image "$L:latest"
UMOCI insert --image "$L:latest" --history.created "$CREATED" \
  --history.created_by "umoci insert busybox-static rootfs /" "$R" /
UMOCI config --image "$L:latest" --created "$CREATED" --history.created "$CREATED" --author lab \
  --architecture amd64 --os linux --config.cmd /bin/sh --config.env PATH=/bin \
  --config.label org.opencontainers.image.title=lab-busybox
SKOPEO copy -q "oci:$L:latest" "oci-archive:$OUT/busybox.oci.tar:latest"
SKOPEO copy -q "oci:$L:latest" "docker-archive:$OUT/busybox.docker.tar:lab/busybox:latest"
SKOPEO copy -q "oci:$L:latest" "dir:$OUT/busybox.dir"
# zstd is written only when skopeo re-writes the blob, i.e. into a fresh destination like this one
SKOPEO copy -q --dest-compress-format zstd "oci:$L:latest" "oci:$OUT/busybox-zstd.oci:latest"

# ------------------------------------------------------------------------------------------ 2. arm64 + index
step multiarch
A=$CACHE/apt-arm64
DEB=$(ls "$A"/dl/busybox-static_*_arm64.deb 2>/dev/null | head -n1 || true)
if [ -z "$DEB" ]; then
  # a private apt state (sources, lists, cache) for arm64: the host's dpkg architectures stay untouched
  mkdir -p "$A/lists/partial" "$A/archives/partial" "$A/dl" "$A/etc/preferences.d"
  printf 'deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s bookworm main\n' \
    "$(debian_mirror)" >"$A/etc/sources.list"
  AOPT=(-o "Dir::Etc::SourceList=$A/etc/sources.list" -o "Dir::Etc::SourceParts=$A/etc/sources.list.d"
        -o "Dir::Etc::PreferencesParts=$A/etc/preferences.d"
        -o "Dir::State::Lists=$A/lists" -o "Dir::Cache=$A" -o "Dir::Cache::archives=$A/archives"
        -o Dir::State::status=/dev/null -o APT::Architecture=arm64 -o APT::Architectures=arm64
        -o APT::Sandbox::User=root -o Debug::NoLocking=1)
  mkdir -p "$A/etc/sources.list.d"
  t 300 apt-get "${AOPT[@]}" -qq update
  (cd "$A/dl" && t 300 apt-get "${AOPT[@]}" -qq download busybox-static:arm64)
  DEB=$(ls "$A"/dl/busybox-static_*_arm64.deb | head -n1)
  rm -rf "$A/lists" "$A/archives" "$A"/*.bin
fi
log "arm64 busybox-static: $(basename "$DEB")"
mkdir -p "$W/arm64-deb"
t 60 dpkg-deb -x "$DEB" "$W/arm64-deb"
R64=$W/busybox-arm64-rootfs
busybox_rootfs "$W/arm64-deb/bin/busybox" "$R64"
L=$OUT/busybox-arm64.oci
UMOCI init --layout "$L"
UMOCI new --image "$L:latest"
UMOCI insert --image "$L:latest" --history.created "$CREATED" \
  --history.created_by "umoci insert busybox-static (arm64) rootfs /" "$R64" /
UMOCI config --image "$L:latest" --created "$CREATED" --history.created "$CREATED" --author lab \
  --architecture arm64 --os linux --config.cmd /bin/sh --config.env PATH=/bin \
  --config.label org.opencontainers.image.title=lab-busybox
BUILDAH manifest create lab-busybox-multi >/dev/null
BUILDAH manifest add lab-busybox-multi "oci:$OUT/busybox.oci:latest" >/dev/null
BUILDAH manifest add lab-busybox-multi "oci:$OUT/busybox-arm64.oci:latest" >/dev/null
BUILDAH manifest push -q --all --format oci lab-busybox-multi "oci:$OUT/busybox-multi.oci:latest"

# ------------------------------------------------------------------------------------------ 3. distroless-like
step distroless
L=$OUT/distroless.oci
UMOCI init --layout "$L"
UMOCI new --image "$L:latest"
B=$W/distroless-bundle
UMOCI unpack --image "$L:latest" "$B" >/dev/null
R=$B/rootfs
mkdir -p "$R/usr/bin" "$R/etc" "$R/tmp" "$R/home/nonroot" "$R/var/lib/dpkg/status.d"
cp /usr/bin/tini-static "$R/usr/bin/tini-static"
cat >"$R/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$R/etc/group"
# distroless keeps one control paragraph per package in /var/lib/dpkg/status.d/<name>, without Status:
t 60 dpkg-query -s tini | grep -v '^Status:' >"$R/var/lib/dpkg/status.d/tini"
chown 65532:65532 "$R/home/nonroot"; chmod 0700 "$R/home/nonroot"; chmod 1777 "$R/tmp"
fix_times "$R"
UMOCI repack --image "$L:latest" --history.created "$CREATED" --history.created_by "umoci repack (distroless-like)" "$B"
UMOCI config --image "$L:latest" --created "$CREATED" --history.created "$CREATED" --author lab \
  --architecture amd64 --os linux --config.user 65532:65532 --config.workingdir /home/nonroot \
  --config.entrypoint /usr/bin/tini-static --config.cmd=--version --config.env PATH=/usr/bin
SKOPEO copy -q "oci:$L:latest" "oci-archive:$OUT/distroless.oci.tar:latest"
SKOPEO copy -q "oci:$L:latest" "docker-archive:$OUT/distroless.docker.tar:lab/distroless:latest"

# ------------------------------------------------------------------------------------------ 4. debootstrap (cached)
step debootstrap
DR=$CACHE/debootstrap-bookworm
if [ "${LAB_FORCE_DEBOOTSTRAP:-0}" = 1 ] || [ ! -e "$CACHE/debootstrap-bookworm.done" ]; then
  rm -f "$CACHE/debootstrap-bookworm.done"
  remove_tree "$DR"
  s=$SECONDS
  if ! t 1500 debootstrap --variant=minbase bookworm "$DR" "$(debian_mirror)" >"$W/debootstrap.log" 2>&1; then
    tail -n 20 "$W/debootstrap.log" >&2
    die "debootstrap failed (log: $W/debootstrap.log)"
  fi
  echo "debootstrap --variant=minbase bookworm took $((SECONDS - s))s" >"$CACHE/debootstrap-bookworm.done"
  log "$(cat "$CACHE/debootstrap-bookworm.done")"
else
  log "reusing $DR ($(cat "$CACHE/debootstrap-bookworm.done"))"
fi

# ------------------------------------------------------------------------------------------ 5. debian layers
step debian
L=$OUT/debian.oci
UMOCI init --layout "$L"
UMOCI new --image "$L:bookworm"
B=$W/debian-bundle
UMOCI unpack --image "$L:bookworm" "$B" >/dev/null
t 600 tar -C "$DR" --one-file-system --exclude='./var/lib/apt/lists/*' -cf - . | t 600 tar -C "$B/rootfs" -xpf -
mkdir -p "$B/rootfs/var/lib/apt/lists/partial"
fix_times "$B/rootfs"
# layer 1: the whole minbase rootfs (char devices in /dev, hardlinks, usrmerge symlinks, .debs in the apt cache)
UMOCI repack --refresh-bundle --image "$L:bookworm" --history.created "$CREATED" \
  --history.created_by "debootstrap --variant=minbase bookworm" "$B"
# layer 2: file whiteouts (the apt cache .debs), one directory whiteout (usr/share/locale), one new file
rm -f "$B"/rootfs/var/cache/apt/archives/*.deb
rm -rf "$B/rootfs/usr/share/locale"
echo "lab layer 2" >"$B/rootfs/etc/lab-release"
fix_times "$B/rootfs"
UMOCI repack --refresh-bundle --image "$L:bookworm" --history.created "$CREATED" \
  --history.created_by "rm apt cache and /usr/share/locale" "$B"
# layer 3: an opaque directory (usr/share/doc replaced wholesale)
D=$W/doc-replacement; mkdir -p "$D"; echo "docs removed by the lab" >"$D/README.lab"; fix_times "$D"
UMOCI insert --image "$L:bookworm" --opaque --history.created "$CREATED" \
  --history.created_by "replace /usr/share/doc (opaque)" "$D" /usr/share/doc
UMOCI config --image "$L:bookworm" --created "$CREATED" --history.created "$CREATED" --author lab \
  --config.cmd /bin/bash --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.label org.opencontainers.image.title=lab-debian
# tag "stripped": shells and apt whited out in a 4th layer, while the dpkg database still lists them
B2=$W/debian-strip-bundle
UMOCI unpack --image "$L:bookworm" "$B2" >/dev/null
rm -f "$B2"/rootfs/usr/bin/{bash,rbash,dash,sh,apt,apt-get,apt-cache,apt-cdrom,apt-config,apt-mark}
fix_times "$B2/rootfs"
UMOCI repack --image "$L:stripped" --history.created "$CREATED" --history.created_by "rm shells and apt binaries" "$B2"
UMOCI config --image "$L:stripped" --created "$CREATED" --history.created "$CREATED" --config.cmd /usr/bin/ls
remove_tree "$B"; remove_tree "$B2"
SKOPEO copy -q "oci:$L:bookworm" "oci-archive:$OUT/debian.oci.tar:bookworm"
SKOPEO copy -q "oci:$L:bookworm" "docker-archive:$OUT/debian.docker.tar:lab/debian:bookworm"
SKOPEO copy -q --dest-compress-format zstd "oci:$L:bookworm" "oci:$OUT/debian-zstd.oci:bookworm"

# ------------------------------------------------------------------------------------------ 6. package databases
step pkgdbs
P=$W/pkg
mkdir -p "$P/rpm/SPECS" "$P/rpmhome" "$P/repo" "$P/repos.d" "$P/dnfroot" "$P/npm" "$P/pyroot" "$P/pysrc/labpy"
cat >"$P/rpm/SPECS/lab-hello.spec" <<'EOF'
Name: lab-hello
Version: 1.0
Release: 1
Summary: imagecheck lab test package
License: MIT
BuildArch: noarch
%description
A one-file package installed by dnf into the imagecheck lab's pkgdbs image.
%install
mkdir -p %{buildroot}/usr/share/lab-hello
echo hello > %{buildroot}/usr/share/lab-hello/hello.txt
%files
/usr/share/lab-hello/hello.txt
EOF
# Debian's rpm defaults %_dbpath to ~/.rpmdb: a private HOME with .rpmmacros puts it where Fedora/RHEL have it
echo '%_dbpath /var/lib/rpm' >"$P/rpmhome/.rpmmacros"
HOME=$P/rpmhome t 300 rpmbuild --quiet --define "_topdir $P/rpm" --define "_buildhost lab" \
  --define "use_source_date_epoch_as_buildtime 1" --define "clamp_mtime_to_source_date_epoch 1" \
  -bb "$P/rpm/SPECS/lab-hello.spec" >"$W/rpmbuild.log" 2>&1 || { tail -n 20 "$W/rpmbuild.log" >&2; die "rpmbuild failed"; }
cp "$P"/rpm/RPMS/noarch/*.rpm "$P/repo/"
t 120 createrepo_c -q "$P/repo"
printf '[lab]\nname=lab\nbaseurl=file://%s\ngpgcheck=0\nenabled=1\n' "$P/repo" >"$P/repos.d/lab.repo"
printf '[main]\ngpgcheck=0\ninstall_weak_deps=False\nkeepcache=False\n' >"$P/dnf.conf"
HOME=$P/rpmhome t 600 dnf -y -q --config="$P/dnf.conf" --installroot="$P/dnfroot" --releasever=38 \
  --setopt=reposdir="$P/repos.d" --setopt=cachedir=/var/cache/lab-dnf install lab-hello >"$W/dnf.log" 2>&1 \
  || { tail -n 20 "$W/dnf.log" >&2; die "dnf install failed"; }
HOME=$P/rpmhome t 60 rpm --root "$P/dnfroot" -q lab-hello >/dev/null || die "lab-hello is not in the rpmdb dnf wrote"
# dnf leaves its history in the -wal file: a last clean close (Debian's python3 sqlite3) checkpoints both
# databases into their main files, as an image build that ends normally would have them
for db in "$P/dnfroot/var/lib/rpm/rpmdb.sqlite" "$P/dnfroot/var/lib/dnf/history.sqlite"; do
  t 60 "$PY" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$db"
done
rm -rf "$P/dnfroot/var/cache/lab-dnf" "$P/dnfroot/var/log" "$P"/dnfroot/var/lib/{rpm/rpmdb,dnf/history}.sqlite-{shm,wal}
# npm: a real install from the registry (lockfile v3 + node_modules); the npm cache is kept in OUTDIR/.cache
printf '{"name":"lab-app","version":"1.0.0","private":true}\n' >"$P/npm/package.json"
printf 'fund=false\naudit=false\nupdate-notifier=false\n' >"$W/npmrc"
(cd "$P/npm" && t 600 npm install --userconfig "$W/npmrc" --cache "$CACHE/npm" --prefer-offline --save-exact \
  --no-audit --no-fund ms@2.1.3 is-number@7.0.0 >"$W/npm.log" 2>&1) \
  || { tail -n 20 "$W/npm.log" >&2; die "npm install failed (is the npm registry reachable?)"; }
# pip: --target install of a local source tree (no index, no network): a real .dist-info with INSTALLER=pip
echo 'VERSION = "1.0"' >"$P/pysrc/labpy/__init__.py"
printf 'from setuptools import setup\nsetup(name="labpy", version="1.0", packages=["labpy"])\n' >"$P/pysrc/setup.py"
t 300 "$PY" -m pip install -q --no-cache-dir --disable-pip-version-check --root-user-action=ignore \
  --no-index --no-build-isolation --no-deps --no-compile \
  --target "$P/pyroot/usr/lib/python3/dist-packages" "$P/pysrc" >"$W/pip.log" 2>&1 \
  || { tail -n 20 "$W/pip.log" >&2; die "pip install failed"; }
fix_times "$P/dnfroot" "$P/npm" "$P/pyroot"
ctr=$(BUILDAH from -q "oci-archive:$OUT/busybox.oci.tar")
BUILDAH copy -q "$ctr" "$P/dnfroot" / >/dev/null
BUILDAH copy -q "$ctr" "$P/npm" /app >/dev/null
BUILDAH copy -q "$ctr" "$P/pyroot" / >/dev/null
BUILDAH config --label org.opencontainers.image.title=lab-pkgdbs --workingdir /app "$ctr"
BUILDAH commit -q --timestamp "$SDE" --format oci "$ctr" lab-pkgdbs >/dev/null
BUILDAH push -q lab-pkgdbs "oci:$OUT/pkgdbs.oci:latest"

# ------------------------------------------------------------------------------------------ 7. buildah bud
step bud
mkdir -p "$W/bud"
cat >"$W/bud/Containerfile" <<EOF
FROM oci-archive:$OUT/busybox.oci.tar
RUN rm /bin/ls && echo hello >/hello.txt
USER 1000:1000
LABEL org.opencontainers.image.title=lab-bud
EOF
BUILDAH bud -q --isolation chroot --timestamp "$SDE" --format oci -t lab-bud "$W/bud" >/dev/null
BUILDAH push -q lab-bud "oci:$OUT/bud.oci:latest"
BUILDAH push -q lab-bud "docker-archive:$OUT/bud.docker.tar:lab/bud:latest"

# ------------------------------------------------------------------------------------------ 8. GPG-signed dir:
step gpg
GPG_UID='imagecheck lab signer <lab-signer@example.invalid>'
SIGN_IDENTITY=registry.example.invalid/lab/busybox:signed
mkdir -m 700 "$GNUPG_DIR"
export GNUPGHOME=$GNUPG_DIR
t 120 gpg --batch --quiet --pinentry-mode loopback --passphrase '' --quick-gen-key "$GPG_UID" rsa2048 sign never \
  2>"$W/gpg.log" || { cat "$W/gpg.log" >&2; die "gpg key generation failed"; }
FPR=$(t 60 gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '$1 == "fpr" { print $10; exit }')
[ ${#FPR} = 40 ] || die "no GPG fingerprint found"
t 60 gpg --batch --armor --export "$FPR" >"$OUT/keys/lab-gpg.pub.asc"
t 60 gpg --batch --export "$FPR" >"$OUT/keys/lab-gpg.pub.gpg"
SKOPEO copy -q --sign-by "$FPR" --sign-identity "$SIGN_IDENTITY" "oci:$OUT/busybox.oci:latest" "dir:$OUT/busybox-gpg.dir"
VERIFIED=$(SKOPEO standalone-verify "$OUT/busybox-gpg.dir/manifest.json" "$SIGN_IDENTITY" "$FPR" \
  "$OUT/busybox-gpg.dir/signature-1")
log "skopeo standalone-verify: $VERIFIED"
GPG_VERSION=$(gpg --version | head -n1)
t 20 gpgconf --kill all
unset GNUPGHOME

# ------------------------------------------------------------------------------------------ 9. facts
step facts
mkdir -p "$W/facts" "$W/layer-cache" "$W/flat"

blob() { echo "$1/blobs/${2%%:*}/${2#*:}"; }

# GNU tar's verbose listing (numeric ids, full times) as TSV: path type mode uid gid size mtime link_target device.
tar_listing_tsv() {
  awk '
    function tri(s) { return (substr(s, 1, 1) == "r") * 4 + (substr(s, 2, 1) == "w") * 2 + (substr(s, 3, 1) ~ /[xst]/) }
    function octal(p,   sp) {
      sp = (substr(p, 4, 1) ~ /[sS]/) * 4 + (substr(p, 7, 1) ~ /[sS]/) * 2 + (substr(p, 10, 1) ~ /[tT]/)
      return sprintf("%o", sp * 512 + tri(substr(p, 2, 3)) * 64 + tri(substr(p, 5, 3)) * 8 + tri(substr(p, 8, 3)))
    }
    BEGIN { OFS = "\t"; print "path", "type", "mode", "uid", "gid", "size", "mtime", "link_target", "device" }
    {
      split($2, ids, "/"); size = $3; name = $0
      sub(/^[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ /, "", name)
      type = substr($1, 1, 1); target = ""; device = ""
      if (type == "l" && (i = index(name, " -> ")) > 0) { target = substr(name, i + 4); name = substr(name, 1, i - 1) }
      if (type == "h" && (i = index(name, " link to ")) > 0) { target = substr(name, i + 9); name = substr(name, 1, i - 1) }
      if (type == "c" || type == "b") { device = size; size = 0 }
      print name, type, octal($1), ids[1], ids[2], size, $4 "T" $5 "Z", target, device
    }'
}

# Facts of one layer blob ($1 layout, $2 digest, $3 media type, $4 diff_id): JSON on stdout, listing in cache.
layer_facts() {
  local lay=$1 digest=$2 mt=$3 diff_id=$4 hex=${2#*:} f actual size sha eof rc
  local c=$W/layer-cache/$hex
  if [ -e "$c.json" ]; then cat "$c.json"; return; fi
  f=$(blob "$lay" "$digest")
  actual=sha256:$(t 300 sha256sum "$f" | cut -d' ' -f1)
  [ "$actual" = "$digest" ] || die "$f has digest $actual"
  case $mt in
    *+gzip) t 300 gzip -dc "$f" >"$W/layer.tar" ;;
    *+zstd) t 300 zstd -q -dc "$f" >"$W/layer.tar" ;;
    *.tar)  cp "$f" "$W/layer.tar" ;;
    *) die "unexpected layer media type $mt" ;;
  esac
  size=$(stat -c %s "$W/layer.tar")
  sha=sha256:$(t 300 sha256sum "$W/layer.tar" | cut -d' ' -f1)
  # a complete tar ends with two zero 512-byte blocks (umoci 0.4.7 insert layers do not: umoci issue #436)
  eof=false
  if [ $((size % 512)) = 0 ] && [ "$size" -ge 1024 ] && [ "$(tail -c 1024 "$W/layer.tar" | tr -d '\0' | wc -c)" = 0 ]; then
    eof=true
  fi
  rc=0
  t 300 tar -tvPf "$W/layer.tar" --numeric-owner --full-time >"$W/layer.list" 2>"$W/layer.err" || rc=$?
  tar_listing_tsv <"$W/layer.list" >"$c.tsv"
  jq -n --arg digest "$digest" --arg mt "$mt" --argjson size "$(stat -c %s "$f")" --arg diff_id "$diff_id" \
    --argjson usize "$size" --arg usha "$sha" --argjson eof "$eof" --argjson rc "$rc" \
    --rawfile err "$W/layer.err" --rawfile tsv "$c.tsv" '
    ($tsv | split("\n") | .[1:] | map(select(length > 0) | split("\t"))) as $rows
    | ($rows | map(.[0] | sub("/$"; "") | split("/") | last // "")) as $base
    | {digest: $digest, mediaType: $mt, size: $size, diff_id: $diff_id,
       uncompressed_size: $usize, uncompressed_digest: $usha, diff_id_verified: ($usha == $diff_id),
       entries: ($rows | length),
       whiteouts: ([$base[] | select(startswith(".wh.") and . != ".wh..wh..opq")] | length),
       opaque_dirs: [$rows[] | .[0] | select(test("(^|/)\\.wh\\.\\.wh\\.\\.opq$"))],
       first_entry: ($rows[0][0] // null),
       tar_eof_marker: $eof, gnu_tar_exit_code: $rc,
       gnu_tar_errors: ($err | split("\n") | map(select(length > 0)) | .[:3])}' >"$c.json"
  rm -f "$W/layer.tar" "$W/layer.list" "$W/layer.err"
  cat "$c.json"
}

# The merged filesystem as umoci applies it, listed with find: path type mode uid gid size nlink link_target.
tree_listing_tsv() {
  printf 'path\ttype\tmode\tuid\tgid\tsize\tnlink\tlink_target\n'
  (cd "$1" && t 300 find . \( -type f -printf '/%P\tf\t%m\t%U\t%G\t%s\t%n\t\n' \) \
      -o \( -type l -printf '/%P\tl\t%m\t%U\t%G\t0\t1\t%l\n' \) \
      -o -printf '/%P\t%y\t%m\t%U\t%G\t0\t1\t\n') | t 120 sort -t "$(printf '\t')" -k1,1
}

# What package databases and users the merged tree holds ($1 tree root, $2 prefix for the listing files
# it writes: $2.dpkg-query.tsv, $2.rpm-qa.txt): JSON on stdout.
content_facts() {
  local root=$1 prefix=$2 dpkg=null statusd='[]' rpmdb="" npm='[]' py='[]' users='[]' osr='{}' f rel
  if [ -f "$root/var/lib/dpkg/status" ]; then
    t 60 dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\n' \
      | awk -F'\t' '$1 ~ /^ii/ { print $2 "\t" $3 "\t" $4 }' >"$prefix.dpkg-query.tsv"
    dpkg=$(wc -l <"$prefix.dpkg-query.tsv")
  fi
  if [ -d "$root/var/lib/dpkg/status.d" ]; then
    statusd=$(ls "$root/var/lib/dpkg/status.d" | jq -R . | jq -sc .)
  fi
  for f in var/lib/rpm usr/lib/sysimage/rpm; do
    if [ -f "$root/$f/rpmdb.sqlite" ] && [ -z "$rpmdb" ]; then
      rpmdb=/$f
      # query a copy: rpm creates -shm/-wal files next to the database it opens
      mkdir -p "$W/rpmdb-copy"; cp "$root/$f/rpmdb.sqlite" "$W/rpmdb-copy/"
      t 60 rpm --dbpath "$W/rpmdb-copy" -qa --qf '%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\n' | sort >"$prefix.rpm-qa.txt"
      rm -rf "$W/rpmdb-copy"
    fi
  done
  while IFS= read -r -d '' f; do
    rel=/${f#"$root"/}
    npm=$(jq -c --arg p "$rel" --argjson acc "$npm" '$acc + [{path: $p, lockfileVersion: .lockfileVersion,
      packages: ([.packages // {} | to_entries[] | select(.key != "") | (.key | sub(".*node_modules/"; "")) + "@" + (.value.version // "")] | sort)}]' "$f")
  done < <(t 120 find "$root" -path "$root/proc" -prune -o -name package-lock.json -not -path '*/node_modules/*' -print0 | sort -z)
  while IFS= read -r -d '' f; do
    rel=/${f#"$root"/}
    py=$(jq -c --arg p "${rel%/INSTALLER}" --arg i "$(head -n1 "$f")" --argjson acc "$py" -n '$acc + [{path: $p, installer: $i}]')
  done < <(t 120 find "$root" -path "$root/proc" -prune -o -path '*.dist-info/INSTALLER' -print0 | sort -z)
  if [ -f "$root/etc/passwd" ]; then
    users=$(awk -F: 'NF >= 3 { print $1 ":" $3 }' "$root/etc/passwd" | jq -R . | jq -sc .)
  fi
  f=$root/etc/os-release
  if [ -L "$f" ]; then
    case $(readlink "$f") in /*) f=$root$(readlink "$f") ;; *) f=$root/etc/$(readlink "$f") ;; esac
  fi
  if [ -f "$f" ]; then
    osr=$(grep -E '^(ID|VERSION_ID|VERSION_CODENAME|PRETTY_NAME)=' "$f" | sed -E 's/^([A-Z_]+)="?([^"]*)"?$/\1\t\2/' \
      | jq -R 'split("\t") | {(.[0]): .[1]}' | jq -sc 'add // {}')
  fi
  jq -n --argjson dpkg "$dpkg" --argjson statusd "$statusd" --arg rpmdb "$rpmdb" \
    --rawfile rpmqa <([ -z "$rpmdb" ] || cat "$prefix.rpm-qa.txt") \
    --argjson npm "$npm" --argjson py "$py" --argjson users "$users" --argjson osr "$osr" '
    {dpkg_installed: $dpkg, dpkg_status_d: $statusd,
     rpm_db: (if $rpmdb == "" then null else $rpmdb end),
     rpm_packages: ($rpmqa | split("\n") | map(select(length > 0))),
     npm_lockfiles: $npm, python_dist_info: $py, passwd_users: $users, os_release: $osr}'
}

# All facts of one single-manifest image ($1 name, $2 layout dir name, $3 tag).
image_facts() {
  local name=$1 layname=$2 tag=$3 lay=$OUT/$2 desc mdig mf cdig cfg n i flat layers='[]' lf counts made_by src key c
  desc=$(jq -c --arg t "$tag" '[.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t)]' "$lay/index.json")
  [ "$(jq length <<<"$desc")" = 1 ] || die "$lay: tag $tag is not exactly once in index.json"
  desc=$(jq -c '.[0]' <<<"$desc")
  mdig=$(jq -r .digest <<<"$desc")
  mf=$(blob "$lay" "$mdig")
  [ "sha256:$(sha256sum "$mf" | cut -d' ' -f1)" = "$mdig" ] || die "$mf does not match its digest"
  cdig=$(jq -r .config.digest "$mf")
  cfg=$(blob "$lay" "$cdig")
  n=$(jq '.layers | length' "$mf")
  [ "$n" = "$(jq '.rootfs.diff_ids | length' "$cfg")" ] || die "$name: layer count differs from diff_id count"
  for ((i = 0; i < n; i++)); do
    lf=$(layer_facts "$lay" "$(jq -r ".layers[$i].digest" "$mf")" "$(jq -r ".layers[$i].mediaType" "$mf")" \
      "$(jq -r ".rootfs.diff_ids[$i]" "$cfg")")
    cp "$W/layer-cache/$(jq -r '.digest | sub("^[^:]*:"; "")' <<<"$lf").tsv" "$OUT/$name.layer$i.tsv"
    layers=$(jq -c --argjson l "$lf" --argjson i "$i" --arg file "$name.layer$i.tsv" '. + [{index: $i} + $l + {listing: $file}]' <<<"$layers")
  done
  # The merged tree depends only on the uncompressed layers: images with the same diff_ids share one listing.
  key=$(jq -c .rootfs.diff_ids "$cfg" | sha256sum | cut -c1-16)
  c=$W/tree-cache/$key
  if [ -e "$c.made_by" ]; then
    made_by="$(cat "$c.made_by") (listed once for $(cat "$c.image"), which has the same diff_ids)"
  else
    mkdir -p "$W/tree-cache"
    flat=$W/flat/$name
    made_by="umoci raw unpack + find"
    src="$lay:$tag"
    if grep -q 'zstd' <<<"$(jq -r '.layers[].mediaType' "$mf")"; then
      # umoci 0.4.7 cannot read zstd layers: unpack a gzip re-compression by skopeo (same diff_ids, checked)
      SKOPEO copy -q --dest-compress-format gzip "oci:$lay:$tag" "oci:$W/gzip-copy.oci:$tag"
      [ "$(jq -c .rootfs.diff_ids "$(blob "$W/gzip-copy.oci" "$(jq -r .config.digest "$(blob "$W/gzip-copy.oci" \
          "$(jq -r '.manifests[0].digest' "$W/gzip-copy.oci/index.json")")")")")" = "$(jq -c .rootfs.diff_ids "$cfg")" ] \
        || die "$name: the gzip copy has other diff_ids"
      src="$W/gzip-copy.oci:$tag"
      made_by="skopeo copy --dest-compress-format gzip (umoci 0.4.7 cannot read zstd) + umoci raw unpack + find"
    fi
    UMOCI raw unpack --image "$src" "$flat" >/dev/null 2>"$W/raw-unpack.log" \
      || { cat "$W/raw-unpack.log" >&2; die "umoci raw unpack $src failed"; }
    remove_tree "$W/gzip-copy.oci"
    tree_listing_tsv "$flat" >"$c.tree.tsv"
    content_facts "$flat" "$c" >"$c.content.json"
    remove_tree "$flat"
    echo "$made_by" >"$c.made_by"; echo "$name" >"$c.image"
  fi
  cp "$c.tree.tsv" "$OUT/$name.tree.tsv"
  jq '. + {dpkg_listing: null, rpm_listing: null}' "$c.content.json" >"$W/content.json"
  if [ -e "$c.dpkg-query.tsv" ]; then
    cp "$c.dpkg-query.tsv" "$OUT/$name.dpkg-query.tsv"
    jq --arg f "$name.dpkg-query.tsv" '.dpkg_listing = $f' "$W/content.json" >"$W/content.json.tmp"
    mv "$W/content.json.tmp" "$W/content.json"
  fi
  if [ -e "$c.rpm-qa.txt" ]; then
    cp "$c.rpm-qa.txt" "$OUT/$name.rpm-qa.txt"
    jq --arg f "$name.rpm-qa.txt" '.rpm_listing = $f' "$W/content.json" >"$W/content.json.tmp"
    mv "$W/content.json.tmp" "$W/content.json"
  fi
  counts=$(awk -F'\t' 'NR > 1 { n++; t[$2]++ } END { printf "{\"entries\":%d,\"regular\":%d,\"directories\":%d,\"symlinks\":%d,\"char_devices\":%d}", n, t["f"], t["d"], t["l"], t["c"] }' "$OUT/$name.tree.tsv")
  jq -n --arg name "$name" --arg layout "$layname" --arg tag "$tag" --argjson desc "$desc" \
    --slurpfile mf "$mf" --slurpfile cfg "$cfg" --argjson csize "$(stat -c %s "$cfg")" --argjson layers "$layers" \
    --arg tree "$name.tree.tsv" --arg made_by "$made_by" --argjson counts "$counts" --slurpfile content "$W/content.json" '
    $mf[0] as $m | $cfg[0] as $c | ($c.config // {}) as $cc
    | {name: $name, layout: $layout, tag: $tag,
       descriptor: {mediaType: $desc.mediaType, digest: $desc.digest, size: $desc.size, annotations: ($desc.annotations // {})},
       manifest: {digest: $desc.digest, mediaType: ($m.mediaType // null), schemaVersion: $m.schemaVersion},
       config: {digest: $m.config.digest, mediaType: $m.config.mediaType, size: $csize,
                architecture: $c.architecture, os: $c.os, variant: ($c.variant // null),
                user: ($cc.User // ""), entrypoint: ($cc.Entrypoint // null), cmd: ($cc.Cmd // null),
                env: ($cc.Env // []), working_dir: ($cc.WorkingDir // ""), labels: ($cc.Labels // {}),
                diff_ids: $c.rootfs.diff_ids, history_count: (($c.history // []) | length),
                history_empty_layers: ([($c.history // [])[] | select(.empty_layer == true)] | length),
                history_created_by: [($c.history // [])[] | .created_by // ""]},
       layers: $layers,
       tree: ({listing: $tree, made_by: $made_by, hardlinks: "regular files with nlink > 1"} + $counts),
       contents: $content[0]}' >"$W/facts/image-$name.json"
  log "   $name: $n layer(s), $(jq -r .entries <<<"$counts") tree entries"
}

# Facts of an image index ($1 name, $2 layout dir name, $3 tag): the top descriptor may be an index itself.
index_facts() {
  local name=$1 layname=$2 tag=$3 lay=$OUT/$2 desc ix
  desc=$(jq -c --arg t "$tag" '[.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t)] | .[0]' "$lay/index.json")
  ix=$(blob "$lay" "$(jq -r .digest <<<"$desc")")
  jq -n --arg name "$name" --arg layout "$layname" --arg tag "$tag" --argjson desc "$desc" --slurpfile ix "$ix" '
    {name: $name, layout: $layout, tag: $tag,
     descriptor: {mediaType: $desc.mediaType, digest: $desc.digest, size: $desc.size, annotations: ($desc.annotations // {})},
     index: {mediaType: ($ix[0].mediaType // null), schemaVersion: $ix[0].schemaVersion,
             manifests: [$ix[0].manifests[] | {mediaType, digest, size, annotations: (.annotations // {}), platform: (.platform // null)}]}}' \
    >"$W/facts/index-$name.json"
}

# Facts of the archive and dir: copies, read back from the files skopeo/buildah wrote.
archive_facts() { # file image format
  local file=$1 image=$2 format=$3 path=$OUT/$1
  case $format in
    oci-archive)
      t 120 tar -xOf "$path" index.json | jq -c --arg f "$file" --arg i "$image" '
        {file: $f, image: $i, format: "oci-archive",
         references: [.manifests[] | .annotations["org.opencontainers.image.ref.name"] // empty],
         manifest_digest: .manifests[0].digest, config: null, layers: [], signatures: []}' ;;
    docker-archive)
      t 120 tar -xOf "$path" manifest.json | jq -c --arg f "$file" --arg i "$image" '
        {file: $f, image: $i, format: "docker-archive", references: .[0].RepoTags,
         manifest_digest: null, config: .[0].Config, layers: .[0].Layers, signatures: []}' ;;
    dir)
      jq -c --arg f "$file" --arg i "$image" --arg d "sha256:$(sha256sum "$path/manifest.json" | cut -d' ' -f1)" \
        --argjson sigs "$(t 60 find "$path" -maxdepth 1 -name 'signature-*' -printf '%f\n' | sort | jq -R . | jq -sc .)" '
        {file: $f, image: $i, format: "dir", references: [], manifest_digest: $d, config: .config.digest,
         layers: [], signatures: $sigs}' "$path/manifest.json" ;;
  esac
}

image_facts busybox busybox.oci latest
image_facts busybox-zstd busybox-zstd.oci latest
image_facts busybox-arm64 busybox-arm64.oci latest
index_facts busybox-multi busybox-multi.oci latest
image_facts distroless distroless.oci latest
image_facts debian debian.oci bookworm
image_facts debian-stripped debian.oci stripped
image_facts debian-zstd debian-zstd.oci bookworm
image_facts pkgdbs pkgdbs.oci latest
image_facts bud bud.oci latest
{
  archive_facts busybox.oci.tar busybox oci-archive
  archive_facts busybox.docker.tar busybox docker-archive
  archive_facts busybox.dir busybox dir
  archive_facts busybox-gpg.dir busybox dir
  archive_facts distroless.oci.tar distroless oci-archive
  archive_facts distroless.docker.tar distroless docker-archive
  archive_facts debian.oci.tar debian oci-archive
  archive_facts debian.docker.tar debian docker-archive
  archive_facts bud.docker.tar bud docker-archive
} >"$W/archives.jsonl"

step ""
VERIFIED_DIGEST=$(grep -oE 'sha256:[0-9a-f]{64}' <<<"$VERIFIED" | head -n1)
version() { dpkg-query -W -f='${Version}' "$1"; }
jq -n --arg generated "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --argjson sde "$SDE" --arg created "$CREATED" \
  --slurpfile images <(cat "$W"/facts/image-*.json) --slurpfile indexes <(cat "$W"/facts/index-*.json) \
  --slurpfile archives "$W/archives.jsonl" \
  --arg fpr "$FPR" --arg uid "$GPG_UID" --arg identity "$SIGN_IDENTITY" --arg verified "$VERIFIED" \
  --arg vdigest "$VERIFIED_DIGEST" --arg gpgv "$GPG_VERSION" \
  --argjson timings "$(for k in "${!STEP_SECONDS[@]}"; do printf '%s\t%s\n' "$k" "${STEP_SECONDS[$k]}"; done \
      | jq -R 'split("\t") | {(.[0]): (.[1] | tonumber)}' | jq -sc 'add // {}')" \
  --arg skopeo "$(skopeo --version)" --arg umoci "$(umoci --version)" --arg buildah "$(buildah --version)" \
  --arg debootstrap "$(version debootstrap)" --arg busybox "$(version busybox-static)" --arg tini "$(version tini)" \
  --arg rpm "$(version rpm)" --arg dnf "$(version dnf)" --arg createrepo "$(version createrepo-c)" \
  --arg npm "$(npm --version)" --arg pip "$("$PY" -m pip --version | cut -d' ' -f1-2)" --arg tar "$(tar --version | head -n1)" \
  --arg debootstrap_run "$(cat "$CACHE/debootstrap-bookworm.done")" '
  {schema: 1, generated: $generated, source_date_epoch: $sde, created: $created,
   tools: {skopeo: $skopeo, umoci: $umoci, buildah: $buildah, debootstrap: $debootstrap, "busybox-static": $busybox,
           tini: $tini, rpm: $rpm, dnf: $dnf, "createrepo-c": $createrepo, npm: $npm, pip: $pip, tar: $tar,
           gpg: $gpgv, debootstrap_run: $debootstrap_run},
   timings_seconds: $timings,
   images: ($images | map({(.name): .}) | add),
   indexes: ($indexes | map({(.name): .}) | add),
   archives: ($archives | map({(.file): .}) | add),
   gpg: {fingerprint: $fpr, user_id: $uid, key: "rsa2048", sign_identity: $identity, signed_dir: "busybox-gpg.dir",
         signature: "busybox-gpg.dir/signature-1", signed_manifest_digest: $vdigest,
         public_key_armored: "keys/lab-gpg.pub.asc", public_key_binary: "keys/lab-gpg.pub.gpg",
         verified_by: ("skopeo standalone-verify: " + $verified)}}' >"$OUT/facts.json.tmp"
mv "$OUT/facts.json.tmp" "$OUT/facts.json"
remove_tree "$W"
log "done in $((SECONDS - T0))s: $OUT/facts.json"
