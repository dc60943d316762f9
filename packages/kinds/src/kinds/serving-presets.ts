// Model-server runtimes: ports, probes, writable paths and start-up commands that work out of the box.
// The generator embeds this table into the chart's templates/_generated.tpl, so `--set runtime.preset=triton`
// at install time switches everything a preset decides, not only what was known at generation.
// `$(MODEL_NAME)` and `$(MODEL_PATH)` are the container's env vars: Kubernetes expands them in
// command and args; the chart substitutes them in probe paths.

export type RuntimePresetName = 'vllm' | 'triton' | 'tfserving' | 'torchserve' | 'custom';

export interface RuntimePort {
  name: string;
  containerPort: number;
  protocol: 'TCP';
}

/** A path the server writes to and what writes it there. */
export interface RuntimeWrite {
  path: string;
  writer: string;
}

export interface RuntimePreset {
  summary: string;
  /** `gpuTag` is the tag of the preset's GPU build, used when the pod requests GPUs (gpu.count > 0). */
  image: { repository: string; tag: string; gpuTag?: string };
  command: string[];
  args: string[];
  /** The first port is the main API port; it is always named "http". */
  ports: RuntimePort[];
  /** Port name and path Prometheus scrapes. */
  metrics: { port: string; path: string };
  /** Probe handlers; timing (periods, thresholds, the long startup window) is added by the chart. */
  startupProbe: Record<string, unknown>;
  readinessProbe: Record<string, unknown>;
  livenessProbe: Record<string, unknown>;
  /** The `helm test` request: an HTTP GET that succeeds only when the model is loaded. */
  healthCheck: { port: string; path: string };
  /** Directories mounted as emptyDirs, since the root filesystem is read-only; every `writes` path lies under one. */
  writablePaths: string[];
  /**
   * What the server writes and where, from the runtime's documentation (with the preset's env
   * applied): a test renders each preset and checks that every path is on a writable volume.
   */
  writes: RuntimeWrite[];
  env: { name: string; value: string }[];
  /** Files the server reads its configuration from, mounted from a ConfigMap under /etc/model-server. */
  configFiles: Record<string, string>;
}

const httpGet = (path: string, port: string) => ({ httpGet: { path, port } });

// The pod runs as UID 1000, which has no passwd entry in these images: HOME must be set to a
// writable directory (the image's own HOME is on the read-only root), and USER named, because
// Python's getpass.getuser() (torch inductor's cache directory, for one) fails without a passwd
// entry unless LOGNAME or USER is set.
const HOME = '/home/model-server';
const homeAndUser = [
  { name: 'HOME', value: HOME },
  { name: 'USER', value: 'model-server' },
];
const tmp: RuntimeWrite = { path: '/tmp', writer: 'temporary files (the default temporary directory)' };

export const RUNTIME_PRESETS: Record<RuntimePresetName, RuntimePreset> = {
  vllm: {
    summary: 'vLLM OpenAI-compatible server (port 8000; /health for liveness, /v1/models for readiness)',
    image: { repository: 'vllm/vllm-openai', tag: 'v0.8.2' },
    command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'],
    args: ['--model=$(MODEL_PATH)', '--served-model-name=$(MODEL_NAME)', '--host=0.0.0.0', '--port=8000'],
    ports: [{ name: 'http', containerPort: 8000, protocol: 'TCP' }],
    metrics: { port: 'http', path: '/metrics' },
    startupProbe: httpGet('/v1/models', 'http'),
    readinessProbe: httpGet('/v1/models', 'http'),
    livenessProbe: httpGet('/health', 'http'),
    healthCheck: { port: 'http', path: '/v1/models' },
    writablePaths: ['/tmp', HOME],
    writes: [
      tmp,
      { path: '/tmp/torchinductor_model-server', writer: 'torch inductor\'s compiled kernels (tempdir/torchinductor_$USER)' },
      { path: `${HOME}/.triton/cache`, writer: 'Triton JIT kernel cache (TRITON_CACHE_DIR, default $HOME/.triton/cache)' },
      { path: `${HOME}/.cache/vllm`, writer: 'vLLM cache root: torch.compile cache, assets (VLLM_CACHE_ROOT, default $XDG_CACHE_HOME/vllm)' },
      { path: `${HOME}/.config/vllm`, writer: 'vLLM config root (VLLM_CONFIG_ROOT, default $XDG_CONFIG_HOME/vllm)' },
      { path: `${HOME}/.cache/huggingface`, writer: 'Hugging Face hub and tokenizer caches (HF_HOME)' },
      { path: `${HOME}/.cache/flashinfer`, writer: 'FlashInfer JIT kernels ($HOME/.cache/flashinfer)' },
      { path: `${HOME}/.cache/outlines`, writer: 'guided-decoding grammar cache (OUTLINES_CACHE_DIR, default $HOME/.cache/outlines)' },
    ],
    env: [
      ...homeAndUser,
      { name: 'HF_HOME', value: `${HOME}/.cache/huggingface` },
      { name: 'HF_HUB_OFFLINE', value: '1' },
      { name: 'VLLM_NO_USAGE_STATS', value: '1' },
    ],
    configFiles: {},
  },
  triton: {
    summary: 'NVIDIA Triton Inference Server (HTTP 8000, gRPC 8001, metrics 8002; /v2/health/ready, /v2/health/live)',
    image: { repository: 'nvcr.io/nvidia/tritonserver', tag: '24.08-py3' },
    command: ['tritonserver'],
    args: ['--model-repository=$(MODEL_PATH)', '--http-port=8000', '--grpc-port=8001', '--metrics-port=8002', '--exit-on-error=true'],
    ports: [
      { name: 'http', containerPort: 8000, protocol: 'TCP' },
      { name: 'grpc', containerPort: 8001, protocol: 'TCP' },
      { name: 'metrics', containerPort: 8002, protocol: 'TCP' },
    ],
    metrics: { port: 'metrics', path: '/metrics' },
    startupProbe: httpGet('/v2/health/ready', 'http'),
    readinessProbe: httpGet('/v2/health/ready', 'http'),
    livenessProbe: httpGet('/v2/health/live', 'http'),
    healthCheck: { port: 'http', path: '/v2/health/ready' },
    writablePaths: ['/tmp', HOME],
    writes: [tmp, { path: '/tmp/python_env', writer: 'Python backend execution environments unpacked from EXECUTION_ENV_PATH archives' }],
    env: homeAndUser,
    configFiles: {},
  },
  tfserving: {
    summary: 'TensorFlow Serving (REST 8501, gRPC 8500; readiness on /v1/models/<name>)',
    image: { repository: 'tensorflow/serving', tag: '2.17.0' },
    command: ['tensorflow_model_server'],
    args: [
      '--model_name=$(MODEL_NAME)',
      '--model_base_path=$(MODEL_PATH)',
      '--port=8500',
      '--rest_api_port=8501',
      '--monitoring_config_file=/etc/model-server/monitoring.config',
    ],
    ports: [
      { name: 'http', containerPort: 8501, protocol: 'TCP' },
      { name: 'grpc', containerPort: 8500, protocol: 'TCP' },
    ],
    metrics: { port: 'http', path: '/monitoring/prometheus/metrics' },
    startupProbe: httpGet('/v1/models/$(MODEL_NAME)', 'http'),
    readinessProbe: httpGet('/v1/models/$(MODEL_NAME)', 'http'),
    livenessProbe: { tcpSocket: { port: 'grpc' } },
    healthCheck: { port: 'http', path: '/v1/models/$(MODEL_NAME)' },
    writablePaths: ['/tmp', HOME],
    writes: [tmp],
    env: homeAndUser,
    configFiles: {
      'monitoring.config': 'prometheus_config {\n  enable: true,\n  path: "/monitoring/prometheus/metrics"\n}\n',
    },
  },
  torchserve: {
    summary: 'TorchServe (inference 8080, management 8081, metrics 8082; /ping)',
    image: { repository: 'pytorch/torchserve', tag: '0.12.0-cpu', gpuTag: '0.12.0-gpu' },
    command: ['torchserve'],
    args: ['--foreground', '--model-store=$(MODEL_PATH)', '--models=all', '--ts-config=/etc/model-server/config.properties', '--disable-token-auth', '--ncs'],
    ports: [
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'management', containerPort: 8081, protocol: 'TCP' },
      { name: 'metrics', containerPort: 8082, protocol: 'TCP' },
    ],
    metrics: { port: 'metrics', path: '/metrics' },
    // /ping answers 200 only while the models' workers are up: it takes a pod out of rotation
    // during a slow load, while liveness only asks whether the server still accepts connections,
    // so a model that loads slowly is never killed for it.
    startupProbe: httpGet('/ping', 'http'),
    readinessProbe: httpGet('/ping', 'http'),
    livenessProbe: { tcpSocket: { port: 'http' } },
    healthCheck: { port: 'http', path: '/ping' },
    writablePaths: ['/tmp', HOME],
    writes: [
      { path: '/tmp/models', writer: 'model archives (.mar) unpacked by the frontend (java.io.tmpdir)' },
      { path: `${HOME}/logs`, writer: 'access, server and model logs (LOG_LOCATION, log4j2)' },
      { path: `${HOME}/metrics`, writer: 'metrics logs (METRICS_LOCATION)' },
      { path: `${HOME}/.cache/torch`, writer: 'torch hub downloads of model handlers (TORCH_HOME, default $HOME/.cache/torch)' },
    ],
    env: [
      ...homeAndUser,
      { name: 'LOG_LOCATION', value: `${HOME}/logs` },
      { name: 'METRICS_LOCATION', value: `${HOME}/metrics` },
    ],
    configFiles: {
      'config.properties': [
        'inference_address=http://0.0.0.0:8080',
        'management_address=http://0.0.0.0:8081',
        'metrics_address=http://0.0.0.0:8082',
        'metrics_mode=prometheus',
        'model_store=/models',
        'load_models=all',
        '',
      ].join('\n'),
    },
  },
  custom: {
    summary: 'Your own server: set image, runtime.command/args, runtime.ports and the probes',
    image: { repository: '', tag: '' },
    command: [],
    args: [],
    ports: [],
    metrics: { port: 'http', path: '/metrics' },
    startupProbe: { tcpSocket: { port: 'http' } },
    readinessProbe: { tcpSocket: { port: 'http' } },
    livenessProbe: { tcpSocket: { port: 'http' } },
    healthCheck: { port: 'http', path: '/' },
    writablePaths: ['/tmp', HOME],
    writes: [tmp],
    env: homeAndUser,
    configFiles: {},
  },
};

export const RUNTIME_PRESET_NAMES = Object.keys(RUNTIME_PRESETS) as RuntimePresetName[];
