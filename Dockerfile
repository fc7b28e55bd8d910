# Palisade's container image: the static (musl) release binary on distroless/static (CA
# certificates, no shell, no package manager), running as a non-root user.
#
# The build context holds a prebuilt binary per platform, <TARGETARCH>/palisade (amd64,
# arm64): .github/workflows/release.yml unpacks the release archives into it and builds the
# multi-arch image. By hand, from a static build:
#
#   cargo build --release --locked --target x86_64-unknown-linux-musl
#   mkdir -p image/amd64 && cp target/x86_64-unknown-linux-musl/release/palisade image/amd64/
#   cp Dockerfile image/ && docker build -t palisade image
#   docker run --rm palisade scan --demo
#
# BASE may be overridden (the tests use `scratch`, which has no CA certificates: enough for
# --demo and snapshots, not for reading AWS).
ARG BASE=gcr.io/distroless/static-debian12:nonroot
FROM ${BASE}
ARG TARGETARCH
COPY --chmod=0755 ${TARGETARCH}/palisade /usr/local/bin/palisade
# distroless's `nonroot` user; numeric, so that it works on any base and Kubernetes can verify
# runAsNonRoot.
USER 65532:65532
ENV HOME=/home/nonroot
WORKDIR /scan
ENTRYPOINT ["/usr/local/bin/palisade"]
CMD ["--help"]
