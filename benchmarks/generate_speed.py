"""How fast the generation backend samples from a model (default: the embedded one).

    .venv/bin/python benchmarks/generate_speed.py [--model default] [--batch-sizes 1 8 32]
        [--new-tokens 64] [--compare-hf]

Three measurements, each printed as new tokens per second (tokens actually generated,
end-of-turn included, over wall time including prefill):

1. chat prompts (short, ~40 tokens) at each batch size, greedy;
2. tool prompts (itool's system prompt with four made-up functions, ~450 tokens) at
   each batch size, greedy: closer to training, search and BFCL, where prefill counts;
3. n samples of ONE tool prompt (temperature 1) against the same number of copies of
   the prompt: what encoding a shared prompt once saves.

``--compare-hf`` also times ``model.generate`` on the chat prompts, as a reference.
Only wall time is measured; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import time

import torch

from itool.model.generate import SamplingParams, TransformersBackend
from itool.model.prompt import render_prompt
from itool.records import FunctionSpec, Message, Sample

TOPICS = ["the sea", "a lighthouse keeper", "a city at night", "an old clock", "a long train ride"]


def chat_prompts(tokenizer, count: int) -> list[str]:
    return [
        tokenizer.apply_chat_template(
            [{"role": "user", "content": f"Write a long story about {TOPICS[i % len(TOPICS)]}."}],
            tokenize=False,
            add_generation_prompt=True,
        )
        for i in range(count)
    ]


def _function(name: str, description: str, **params: str) -> FunctionSpec:
    properties = {key: {"type": "string", "description": text} for key, text in params.items()}
    return FunctionSpec(
        name, description, {"type": "object", "properties": properties, "required": list(params)}
    )


TOOLS = [
    _function(
        "find_trains",
        "Search train connections.",
        origin="Departure station",
        destination="Arrival station",
        date="Travel date, YYYY-MM-DD",
    ),
    _function(
        "book_table",
        "Reserve a restaurant table.",
        restaurant="Restaurant name",
        time="Time, HH:MM",
        people="Number of guests",
    ),
    _function(
        "translate_text",
        "Translate text into another language.",
        text="The text",
        target="Target language code",
    ),
    _function(
        "convert_currency",
        "Convert an amount of money.",
        amount="Amount",
        source="ISO code to convert from",
        target="ISO code to convert to",
    ),
]


def tool_prompts(tokenizer, count: int) -> list[str]:
    questions = [
        "Find me a train from Lyon to Turin on 2025-05-03.",
        "Book a table at Chez Anna for 4 people at 19:30.",
        "Translate 'good morning' into Italian.",
        "How much is 120 USD in euros?",
    ]
    return [
        render_prompt(
            Sample(
                id=str(i), tools=TOOLS, messages=[Message("user", questions[i % len(questions)])], target=""
            ),
            tokenizer,
        )
        for i in range(count)
    ]


def timed(backend: TransformersBackend, prompts: list[str], params: SamplingParams) -> tuple[int, float]:
    start = time.perf_counter()
    results = backend.generate(prompts, params)
    seconds = time.perf_counter() - start
    return sum(len(c.token_ids) for per_prompt in results for c in per_prompt), seconds


def report(label: str, tokens: int, seconds: float) -> None:
    print(f"{label:<44} {tokens:>6} tokens {seconds:>7.1f} s {tokens / seconds:>8.1f} tokens/s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--samples", type=int, default=8, help="n for the shared-prompt measurement")
    parser.add_argument("--compare-hf", action="store_true")
    args = parser.parse_args()

    backend = TransformersBackend.from_pretrained(args.model, progress=False)
    tokenizer = backend.tokenizer
    print(f"model {args.model} on {backend.device}, {torch.get_num_threads()} threads")
    # Shared machines make wall-clock figures noisy: say how busy this one was.
    print("load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    chat_tokens = len(backend.encode(chat_prompts(tokenizer, 1))[0])
    tool_tokens = len(backend.encode(tool_prompts(tokenizer, 1))[0])
    print(f"chat prompt {chat_tokens} tokens, tool prompt {tool_tokens} tokens")
    greedy = SamplingParams(temperature=0, max_new_tokens=args.new_tokens)
    timed(backend, chat_prompts(tokenizer, 1), SamplingParams(temperature=0, max_new_tokens=4))  # warm-up

    for make, kind in ((chat_prompts, "chat"), (tool_prompts, "tool")):
        for size in args.batch_sizes:
            backend.batch_size = size
            report(f"{kind} prompts, batch {size}", *timed(backend, make(tokenizer, size), greedy))

    n = args.samples
    backend.batch_size = n
    sampled = SamplingParams(n=n, temperature=1.0, max_new_tokens=args.new_tokens, seed=0)
    report(f"1 tool prompt x n={n} (one prefill)", *timed(backend, tool_prompts(tokenizer, 1), sampled))
    copies = SamplingParams(temperature=1.0, max_new_tokens=args.new_tokens, seed=0)
    report(f"{n} copies of the tool prompt", *timed(backend, tool_prompts(tokenizer, 1) * n, copies))

    if args.compare_hf:
        model = backend.model
        for size in args.batch_sizes:
            batch = tokenizer(
                chat_prompts(tokenizer, size),
                return_tensors="pt",
                padding=True,
                padding_side="left",
                add_special_tokens=False,
            ).to(backend.device)
            start = time.perf_counter()
            with torch.inference_mode():
                out = model.generate(
                    **batch,
                    max_new_tokens=args.new_tokens,
                    do_sample=False,
                    pad_token_id=tokenizer.pad_token_id,
                )
            seconds = time.perf_counter() - start
            new = out[:, batch["input_ids"].shape[1] :]
            # count up to and including the first end-of-turn token of each row
            tokens = 0
            for row in new.tolist():
                ends = [i for i, t in enumerate(row) if t == tokenizer.eos_token_id]
                tokens += ends[0] + 1 if ends else len(row)
            report(f"transformers generate, chat, batch {size}", tokens, seconds)
    print("load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
