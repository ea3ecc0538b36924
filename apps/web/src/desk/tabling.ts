// From what the desk's forms hold to the SDK's `ProposalInput`s: one proposal from its title and
// options, or a whole agenda from Markdown or CSV with the SDK's (the CLI's) parser.
import {
  InputError,
  inlineMetadata,
  type ProposalInput,
  parseAgendaCsv,
  parseAgendaMarkdown,
  type VoteModeName,
} from "@plenum/sdk";

/** The proposals to table, or the problems that stop them (one per bad line). */
export type TablingCheck =
  | { ok: true; proposals: ProposalInput[]; titles: string[] }
  | { ok: false; problems: string[] };

function guard(build: () => { proposals: ProposalInput[]; titles: string[] }): TablingCheck {
  try {
    return { ok: true, ...build() };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, problems: error.problems };
    throw error;
  }
}

/**
 * One proposal: a title, a description and its option labels (one per line, 2 to 32).
 * @example
 * tableProposal({ title: "Library hours", description: "", options: "Mornings\nEvenings", topic: 0, mode: "single" })
 */
export function tableProposal(form: {
  title: string;
  description: string;
  options: string;
  topic: number;
  mode: VoteModeName;
}): TablingCheck {
  const options = form.options
    .split(/\r?\n/)
    .map((o) => o.trim())
    .filter((o) => o !== "");
  if (options.length < 2 || options.length > 32) {
    return {
      ok: false,
      problems: [`a proposal needs 2 to 32 options, one per line, not ${options.length}`],
    };
  }
  return guard(() => ({
    proposals: [
      {
        topic: form.topic,
        mode: form.mode,
        optionCount: options.length,
        ...inlineMetadata({ title: form.title, description: form.description, options }),
      },
    ],
    titles: [form.title.trim()],
  }));
}

/**
 * A whole agenda: every bill of a Markdown list or of a CSV (`title[,uri[,options]]`).
 * @example
 * tableAgenda({ text: "- Library hours\n- Bus levy", format: "markdown", topic: 0, mode: "single", optionCount: 2 })
 */
export function tableAgenda(form: {
  text: string;
  format: "markdown" | "csv";
  topic: number;
  mode: VoteModeName;
  optionCount: number;
}): TablingCheck {
  return guard(() => {
    const items =
      form.format === "markdown" ? parseAgendaMarkdown(form.text) : parseAgendaCsv(form.text);
    return {
      proposals: items.map((item) => ({
        topic: form.topic,
        mode: form.mode,
        optionCount: item.optionCount ?? form.optionCount,
        metadataURI: item.metadataURI,
        metadataHash: item.metadataHash,
      })),
      titles: items.map((item) => item.title),
    };
  });
}
