# Offline submission image: mathft + vLLM on CUDA, a merged model baked in.
#
#   docker build --build-arg MODEL_DIR=out/model -t mathft-submission .
#   docker run --gpus all --network none -v "$PWD/data:/data" mathft-submission \
#       --input_path /data/problems.jsonl --output_path /data/predictions.jsonl
#
# MODEL_DIR is a merged model directory inside the build context (see `mathft train`);
# check it first with `mathft verify-model` and `mathft image-budget`.

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
ENTRYPOINT ["mathft", "predict"]
CMD ["--input_path", "/data/input.jsonl", "--output_path", "/data/output.jsonl"]
