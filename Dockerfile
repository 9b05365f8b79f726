# Offline submission image: mathft + vLLM on CUDA (vllm/vllm-openai v0.33.0), one merged model.
#
#   mathft package runs/llm-jp-4-8b/phase_b/merged --out models/llm-jp-4-8b-math
#   docker build --build-arg MODEL_DIR=models/llm-jp-4-8b-math -t mathft-submission .
#   docker run --gpus all --network none -v "$PWD/data:/data" mathft-submission \
#       --input_path /data/problems.jsonl --output_path /data/predictions.jsonl
#
# MODEL_DIR is a folder written by `mathft package` under models/ (the only model folder the
# build context admits, see .dockerignore). The build fails unless it holds a verified model
# with a chat template that the image's serving stack loads (`mathft doctor`).

ARG PYTHON_IMAGE=python:3.12-slim-bookworm
ARG RUNTIME_IMAGE=vllm/vllm-openai:v0.33.0

# --- stage 1: build the mathft wheel from the local source (not editable) ---------------
FROM ${PYTHON_IMAGE} AS wheel
WORKDIR /src
COPY pyproject.toml README.md ./
COPY mathft_core ./mathft_core
COPY plugins/mathft_units ./plugins/mathft_units
COPY templates ./templates
RUN pip install --no-cache-dir "build==1.3.0" \
    && python -m build --wheel --outdir /wheels .

# --- stage 2: CUDA + vLLM runtime, the wheel, the model -----------------------------------
FROM ${RUNTIME_IMAGE} AS runtime
ARG MODEL_DIR=models
ARG MODEL_NAME=model
ENV HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HF_DATASETS_OFFLINE=1 \
    VLLM_NO_USAGE_STATS=1 \
    DO_NOT_TRACK=1 \
    PYTHONUNBUFFERED=1 \
    MATHFT_MODEL_ROOT=/app/models
WORKDIR /app
COPY --from=wheel /wheels /tmp/wheels
RUN python3 -m pip install --no-cache-dir /tmp/wheels/mathft-*.whl \
    && rm -rf /tmp/wheels
COPY ${MODEL_DIR} /app/models/${MODEL_NAME}
# The container may run as any user (Singularity runs as the caller): everything readable.
# Then refuse to build an image whose model is missing, unverified or has no chat template.
RUN chmod -R a+rX /app \
    && mathft doctor --model "/app/models/${MODEL_NAME}"
ENTRYPOINT ["mathft", "predict"]
CMD ["--input_path", "/data/input.jsonl", "--output_path", "/data/output.jsonl"]
