"""Turn a ``Sample`` into model input text, and its target into response text.

One wording everywhere: warmup SFT, tree search, preference pairs and BFCL evaluation
all build their prompts here, so a model is always asked the same way it was taught.

The system prompt lists the functions as a JSON list and asks for calls in python-call
syntax, ``[f(a=1, b="x"), g(c=[1, 2])]`` (what :func:`itool.codec.render_calls`
writes and :func:`itool.codec.parse_calls` reads), or for a plain-text reply when no
function fits or a required value is missing.

Conversation roles are normalised before the chat template sees them, because many
templates (SmolLM2's among them) know only system/user/assistant:

* a ``tool`` message (a function result) becomes a ``user`` turn that starts with
  ``Function results:``; consecutive results are merged into one such turn, one line
  per result (``name: content`` when the result names its function);
* an assistant turn that made calls shows them in call syntax, after its text if any;
* leading ``system`` messages of the sample are appended to our system prompt;
* for templates that refuse a system turn, the system prompt opens the first user turn.
"""

from __future__ import annotations

import json

from itool.codec import render_calls
from itool.errors import UserError
from itool.records import FunctionSpec, Message, Sample

TOOL_RESULTS_HEADER = "Function results:"

_INSTRUCTIONS = """\
You are an assistant that can call functions. The functions available to you are \
described by this JSON list:
{functions}

To call functions, answer with nothing but a Python-style list of calls with keyword \
arguments, for example [function_a(x=1, label="text"), function_b(items=[1, 2])]. \
Use the exact function and parameter names from the list, write values as literals \
(strings in double quotes), and put every call the request needs into the one list.
If none of the functions can do what is asked, or a value that a function requires \
is not given in the conversation, make no call: answer in plain text and say why.
Function results come back in a user turn that starts with "{results}"."""


def describe_functions(tools: list[FunctionSpec]) -> str:
    """The functions as a JSON list, one function per line (compact: tool
    documentation dominates prompt length, and prefill dominates generation time)."""
    lines = [json.dumps(tool.to_dict(), ensure_ascii=False) for tool in tools]
    return "[" + ",\n".join(lines) + "]"


def system_prompt(tools: list[FunctionSpec]) -> str:
    """Tool documentation and call-syntax instructions."""
    return _INSTRUCTIONS.format(functions=describe_functions(tools), results=TOOL_RESULTS_HEADER)


def target_text(sample: Sample) -> str:
    """The assistant response a sample asks for: its calls in python-call syntax, or
    its text reply when no call is right. SFT trains on this and search scores
    against the same format."""
    if isinstance(sample.target, str):
        return sample.target
    return render_calls(sample.target)


def prompt_messages(sample: Sample) -> list[Message]:
    """The sample's context as chat messages the template can render: our system
    prompt first, then the conversation with roles normalised (see module docs).
    Every returned message has role system, user or assistant."""
    messages = list(sample.messages)
    own_system = []
    while messages and messages[0].role == "system":
        own_system.append(messages.pop(0).content)
    system = "\n\n".join([system_prompt(sample.tools), *filter(None, own_system)])
    out = [Message(role="system", content=system)]
    for message in messages:
        if message.role == "tool":
            line = f"{message.name}: {message.content}" if message.name else message.content
            previous = out[-1]
            if previous.role == "user" and previous.content.startswith(TOOL_RESULTS_HEADER):
                previous.content += "\n" + line
            else:
                out.append(Message(role="user", content=f"{TOOL_RESULTS_HEADER}\n{line}"))
        elif message.role == "assistant" and message.tool_calls:
            calls = render_calls(message.tool_calls)
            text = f"{message.content}\n{calls}" if message.content.strip() else calls
            out.append(Message(role="assistant", content=text))
        else:
            out.append(Message(role=message.role, content=message.content))
    return out


def _chat(messages: list[Message]) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages]


def render_messages(messages: list[Message], tokenizer, add_generation_prompt: bool = True) -> str:
    """Chat-template text for messages from :func:`prompt_messages`, ending (by
    default) with the opening of the assistant turn the model should write."""
    if not getattr(tokenizer, "chat_template", None):
        raise UserError(
            f"the tokenizer {getattr(tokenizer, 'name_or_path', '')!r} has no chat template;"
            " itool needs a chat (instruct) model"
        )
    from jinja2 import TemplateError

    chat = _chat(messages)
    try:
        return tokenizer.apply_chat_template(
            chat, tokenize=False, add_generation_prompt=add_generation_prompt
        )
    except TemplateError:
        # Some templates (Gemma's) refuse a system turn: fold it into the first user turn.
        if len(chat) < 2 or chat[0]["role"] != "system" or chat[1]["role"] != "user":
            raise
        folded = {"role": "user", "content": f"{chat[0]['content']}\n\n{chat[1]['content']}"}
        return tokenizer.apply_chat_template(
            [folded, *chat[2:]], tokenize=False, add_generation_prompt=add_generation_prompt
        )


def render_prompt(sample: Sample, tokenizer) -> str:
    """Model input text for a sample: system prompt with tools, the conversation,
    and the start of the assistant turn. Generation continues from here."""
    return render_messages(prompt_messages(sample), tokenizer)


def render_completion(messages: list[Message], response: str, tokenizer) -> str:
    """The text that follows the rendered prompt when the assistant answers
    ``response``: the response plus the template's end-of-turn marker. ``prompt +
    completion`` equals the template's rendering of the whole conversation, so
    training on it teaches the model to stop where the template stops."""
    prompt = render_messages(messages, tokenizer)
    full = render_messages(
        [*messages, Message(role="assistant", content=response)],
        tokenizer,
        add_generation_prompt=False,
    )
    if full.startswith(prompt):
        return full[len(prompt) :]
    # Templates that rewrite earlier turns once an answer follows: end with EOS.
    return response + (tokenizer.eos_token or "")
