// Types of the v1 contract (docs/CONTRACT.md) and of the JS API in index.mjs.

export type Category = 'passenger_car' | 'bus' | 'truck' | 'tractor' | 'motorcycle' | 'low_speed';
export type Powertrain = 'bev' | 'phev' | 'erev' | 'hev' | 'ice' | 'fcev';
export type Condition = 'new' | 'used';
export type Role = 'manufacturer' | 'authorized_exporter' | 'used_car_exporter' | 'trader';
export type TradeMode = 'general' | 'processing' | 'border' | 'donation' | 'project_contracting' | 'reexport';
export type Verdict = 'permitted' | 'conditional' | 'not_permitted' | 'undetermined';
export type Regime = 'new_vehicle' | 'used_vehicle' | 'none';
export type Confidence = 'confirmed' | 'unconfirmed';
export type DriveSide = 'lhd' | 'rhd';
export type Importer = 'personal' | 'commercial';
export type Entry = 'allowed' | 'conditional' | 'not_allowed' | 'undetermined';
/** YYYY-MM-DD */
export type IsoDate = string;

export interface Request {
  as_of?: IsoDate | null;
  lang?: string | null;
  /** The ruleset version the reader saw before (a permalink's `&rules=`): the result then lists what
   * changed since in `ruleset.changes_since`. Added 2026-11-29. */
  rules_seen?: string | null;
  vehicle?: {
    vin?: string | null;
    make?: string | null;
    model?: string | null;
    category?: Category | null;
    powertrain?: Powertrain | null;
    hs_code?: string | null;
    condition?: Condition | null;
    registration_date?: IsoDate | null;
    /** Used vehicles: at the scrappage standard or within a year of its scrappage age (2024年第6号).
     * Used when given, never asked. */
    scrappage_due?: boolean | null;
    /** Used vehicles: seized or detained (查封、扣押). Used when given, never asked. */
    seized?: boolean | null;
    modified?: boolean | null;
    /** For the destination (added 2026-11-29). A used car leaving China is taken as left-hand drive. */
    drive_side?: DriveSide | null;
    /** Motor power in kW, for taxes that go by it: a whole number, or digits with one dot as text. */
    power_kw?: number | string | null;
  } | null;
  exporter?: {
    name?: string | null;
    uscc?: string | null;
    role?: Role | null;
    listed?: boolean | null;
    authorization?: { brand?: string | null; valid_from?: IsoDate | null; valid_until?: IsoDate | null } | null;
    registered_owner?: boolean | null;
    /** A manufacturer exporting a used vehicle of its own make (2024年第6号). Asked only when it decides. */
    own_make?: boolean | null;
  } | null;
  shipment?: {
    destination?: string | null;
    trade_mode?: TradeMode | null;
    /** Used vehicles: the 180 days run from registration to this date (MOFCOM guidelines of 2025-12-11). */
    licence_application_date?: IsoDate | null;
    /** For the destination (added 2026-11-29): its rules are those of this day (default: as_of). */
    arrival_date?: IsoDate | null;
    importer?: Importer | null;
    /** Gives the result's destination.estimate: a whole amount, or digits with one dot as text. */
    customs_value?: { amount?: number | string | null; currency?: string | null } | null;
    /** A valid free-trade certificate of origin is presented. */
    origin_certificate?: boolean | null;
  } | null;
  evidence?: {
    aftersales_confirmation?: boolean | null;
    quality_report?: boolean | null;
    ccc?: boolean | null;
    miit_catalogue?: boolean | null;
  } | null;
  /** The seller's papers as the buyer reads them (added 2026-11-29). Lists: arrays, or one text with
   * the items separated by commas, semicolons or line breaks. */
  papers?: Papers | null;
}

/** A list as an array, or as one text whose items are separated by commas, semicolons or line breaks. */
export type List<T extends string = string> = T[] | string;
export interface Papers {
  authorization_letter?: {
    issuer?: string | null;
    holder?: string | null;
    brands?: List | null;
    all_brands?: boolean | null;
    categories?: List<Category> | null;
    valid_from?: IsoDate | null;
    valid_until?: IsoDate | null;
  } | null;
  /** 《售后维修服务确认书》: the guidelines of 2025-12-11 (二). */
  aftersales_confirmation?: {
    issuer?: string | null;
    vins?: List | null;
    destinations?: List | null;
    /** Objects, or (as text) the outlets' countries. */
    outlets?: { country?: string | null; address?: string | null; provider?: string | null }[] | string | null;
    sealed?: boolean | null;
  } | null;
  export_licence?: {
    number?: string | null;
    holder?: string | null;
    vins?: List | null;
    valid_from?: IsoDate | null;
    valid_until?: IsoDate | null;
  } | null;
  /** 《机动车登记证书》 */
  registration_certificate?: {
    owner?: string | null;
    registration_date?: IsoDate | null;
    transfer_for_export_date?: IsoDate | null;
  } | null;
  invoice?: { seller?: string | null; amount?: number | string | null; currency?: string | null } | null;
  payment?: { beneficiary?: string | null; personal_account?: boolean | null } | null;
}

export type PaperName =
  | 'authorization_letter'
  | 'aftersales_confirmation'
  | 'export_licence'
  | 'registration_certificate'
  | 'invoice'
  | 'payment';
/** One of the seller's papers as checked (added 2026-11-29). */
export interface PaperCheck {
  paper: PaperName;
  /** checked: given, and no check a tool can do found a fault; failed: a check did (see `problems`). */
  status: 'checked' | 'failed' | 'not_seen';
  /** The codes of the warnings it caused (their texts are among the result's warnings). */
  problems: string[];
  label: string;
  /** Where its claims can be checked for real; own_step: what only the buyer can do (a seal). */
  verify: { how: 'lookup' | 'own_step'; text: string; url?: string; source: string }[];
}

export interface SourceRef {
  id: string;
  title: string;
  title_en?: string;
  /** The title in the result's language, when a translation gives one (not for en or zh). */
  title_translated?: string;
  number: string;
  clause: string;
  url: string;
  /** Added 2026-11-29: how close the copy at `url` is to the official text: GOV (an official page),
   * GOV-derived, REPRINT, SECONDARY, NEWS, CODE-DB, GH (docs/RULESET.md). */
  grade: string;
}

export interface Reason {
  rule: string;
  text: string;
  source: SourceRef;
  confidence: Confidence;
  from: IsoDate | null;
  until: IsoDate | null;
  note?: string;
  /** Added 2026-11-29: on the rule that stops the export (verdict not_permitted). */
  decides?: true;
}

export interface Item {
  code: string;
  text: string;
  source: SourceRef;
}

export interface Warning {
  code: string;
  field: string;
  text: string;
  positions?: number[];
}

export interface Missing {
  field: string;
  question: string;
}

export interface Result {
  verdict: Verdict;
  licence_required: boolean | null;
  regime: Regime;
  as_of: IsoDate;
  reasons: Reason[];
  obligations: Item[];
  documents: Item[];
  warnings: Warning[];
  missing: Missing[];
  /** Only when the request gives a paper: each of the six, in order (added 2026-11-29). */
  papers?: PaperCheck[];
  vehicle: {
    hs_code: string | null;
    category: Category | null;
    powertrain: Powertrain | 'other' | null;
    condition: Condition | null;
    wmi: string | null;
    manufacturer: string | null;
    model_year: number | null;
  };
  ruleset: {
    id: string;
    version: string;
    sha256: string;
    /** With `rules_seen`: the changes after that version, newest first (added 2026-11-29). */
    changes_since?: { version: string; date: string; items: { rules: string[]; text: string }[] }[];
  };
  /** With shipment.destination and destination data loaded (added 2026-11-29). */
  destination?: Destination;
}

export interface DestinationSource {
  id: string;
  title: string;
  url: string;
  date: string;
  /** P official text, S law firm or trade press, W weak. */
  grade: 'P' | 'S' | 'W';
}
export interface Money {
  amount: number;
  currency: string;
}
interface DestinationLine {
  id: string;
  text: string;
  /** yes: the car's facts meet it; if: a fact it needs is unknown (depends_on); option: one of
   * alternatives the importer chooses, or the sources cannot tell apart. */
  applies: 'yes' | 'if' | 'option';
  depends_on?: string[];
  option?: string;
  confirmed: boolean;
  from: IsoDate | null;
  until: IsoDate | null;
  note?: string;
  sources: DestinationSource[];
}
/** The other side of the border (added 2026-11-29): only with shipment.destination and destination
 * data loaded (loadDestinations). China's verdict never depends on it. */
export interface Destination {
  country: string;
  /** The market the country belongs to ("EU" for a member state), or null when not covered. */
  market: string | null;
  name: string | null;
  entry: Entry;
  arrival_date: IsoDate;
  reasons: (DestinationLine & { effect: 'not_allowed' | 'conditional' })[];
  charges: (DestinationLine & {
    kind: string;
    rate_percent?: number;
    amount?: Money;
    minimum?: Money;
    above?: Money;
    base: 'value' | 'cumulative';
    conflict?: { rate_percent: number; sources: DestinationSource[] };
  })[];
  /** The percentage charges that apply, as a share of the customs value. */
  charges_percent: number | null;
  /** With shipment.customs_value: no exchange rate is ever assumed. */
  estimate?: {
    customs_value: Money;
    lines: { charge: string; base: number | null; amount: number }[];
    total: number | null;
    currency: string;
    other: Money[];
    open: string[];
  };
  changes: { date: IsoDate; item: string; change: 'starts' | 'ends'; text: string }[];
  missing: Missing[];
  warnings: { code: string; field: string; text: string }[];
  verified: IsoDate | null;
  data: { id: string; version: string; sha256: string };
}

export interface DestinationsInfo {
  id: string;
  version: string;
  sha256: string;
  compiled: IsoDate;
  stale_after_days: number;
  languages: string[];
  markets: {
    country: string;
    members: string[];
    name: string;
    currency: string;
    verified: IsoDate;
    sources: string[];
  }[];
  sources: DestinationSource[];
}

export interface ErrorResult {
  error: { code: 'invalid_json' | 'invalid_field' | 'too_large' | 'internal_error'; field: string; message: string };
}

export interface IdentifierProblem {
  code: string;
  detail: string;
  positions?: number[];
  expected?: string;
}

export interface VinReport {
  vin: string;
  valid: boolean;
  problems: IdentifierProblem[];
  wmi: string | null;
  check_digit: string | null;
  model_year: number | null;
  model_year_future: boolean;
  manufacturer: { name: string; brands: string[]; source: string; confidence: string } | null;
}

export interface UsccReport {
  uscc: string;
  valid: boolean;
  problems: IdentifierProblem[];
  check_character: string | null;
  authority: string | null;
  division: string | null;
  province: string | null;
  organization_code: string | null;
  note?: string;
}

export interface RulesetInfo {
  id: string;
  version: string;
  sha256: string;
  compiled: string;
  /** The languages of its texts: en, zh, then each translation loaded. */
  languages: string[];
  rules: {
    id: string;
    from: IsoDate | null;
    until: IsoDate | null;
    source: string;
    clause: string;
    confidence: Confidence;
  }[];
  sources: {
    id: string;
    title: string;
    title_en: string;
    number: string;
    issued: string;
    effective: string;
    url: string;
    grade: string;
  }[];
  /** What each version changed and why, newest first (docs/RULESET.md). */
  changes: { version: string; date: IsoDate; source: string | null; items: { rules: string[]; text: string }[] }[];
}

export interface RegistryEnterprise {
  name?: string;
  uscc?: string;
  role: 'manufacturer' | 'authorized_exporter';
  /** For an authorised exporter: the manufacturer that authorised it. */
  manufacturer?: string;
  brands?: string[];
  /** Defaults to the registry's `year`. */
  year?: number;
}

/** A portal's copy of MOFCOM's list of qualified enterprises (docs/REGISTRY.md). */
export interface Registry {
  schema: 1;
  source?: string;
  year?: number;
  enterprises: RegistryEnterprise[];
}

export interface BatchCounts {
  rows: number;
  errors: number;
  permitted: number;
  conditional: number;
  not_permitted: number;
  undetermined: number;
  /** Input columns named like the answer's own (verdict, error…), passed through as [name, new name]. */
  renamed: [string, string][];
  /** How a CSV was read (added 2026-11-29): the separator taken from its header line (`,` `;` or a
   * tab), the spreadsheet date forms read as dates (`YYYY/M/D`, `YYYY.M.D`), and the header names no
   * request field has (passed through). */
  read: { separator: string; date_forms: string[]; unknown_columns: string[] };
  /** A batch of one part (option `part`) has read past it: no later row is its to answer. */
  part_done: boolean;
}

export interface BatchOptions {
  lang?: string;
  link?: string;
  /** Byte offsets, whole numbers below 2^32 - 1; `until` left out: to the end. */
  part?: { from?: number; until?: number };
}

export interface BatchRun<Answers extends string | Uint8Array = string> {
  /** Feeds text, or its UTF-8 bytes (a file read in slices: no decoding), cut anywhere; returns the CSV
   * answers of the rows it completes (the header first), as text or (output 'bytes') UTF-8 bytes. */
  feed(text: string | Uint8Array): Answers;
  /** Ends the input; returns the answer of a last row without a line break. feed() after it returns
   * nothing ('' or no bytes). Both throw a TypeError if the core closed the batch to make room (more
   * than 16 kept at once). */
  finish(): Answers;
  counts(): BatchCounts | { error: { code: 'unknown_batch'; field: string; message: string } };
}

export interface Checker {
  evaluate(request: Request | string): Result | ErrorResult;
  evaluateJson(requestJson: string): string;
  /** Verdicts only, for many requests at once; null where a request cannot be read. */
  verdicts(requests: Iterable<Request>): (Verdict | null)[];
  vin(vin: string, asOf?: IsoDate): VinReport | ErrorResult;
  uscc(code: string): UsccReport | ErrorResult;
  /** The ruleset in force; the change log's texts in `lang` once its texts are loaded (English otherwise). */
  rulesetInfo(lang?: string): RulesetInfo;
  loadRegistry(
    registry: Registry | string,
  ):
    | { loaded: number; years: number[]; source: string }
    | { error: ErrorResult['error'] | { code: 'invalid_registry'; field: string; message: string } };
  clearRegistry(): void;
  /** Streams a CSV or JSON Lines inventory through; answers come back as CSV rows (README, batch).
   * Each row's `message` is in `lang` unless the row names its own; with `link` (the calculator's
   * http(s) address), a `link` column opens each row's request there. Throws (TypeError) for an
   * unknown format, a language tag over 16 bytes, a link that is not such an address, or an `output`
   * other than 'text' or 'bytes'. With `output: 'bytes'` (added 2026-11-30) feed() and finish() return
   * the answers' UTF-8 bytes, each in an ArrayBuffer of its own (transferable). With `part` (added
   * 2026-11-30) the batch reads the whole input but answers only the rows whose line break is at a
   * byte offset of its UTF-8 in [from, until), with the header row only when `from` is 0: the batches
   * of a file's parts, joined in order, answer it whole, and their counts add up (`part_done`: it has
   * read past its part). */
  batch(format: 'csv' | 'jsonl', options?: BatchOptions & { output?: 'text' }): BatchRun;
  batch(format: 'csv' | 'jsonl', options: BatchOptions & { output: 'bytes' }): BatchRun<Uint8Array>;
  batch(format: 'csv' | 'jsonl', options: BatchOptions & { output?: 'text' | 'bytes' }): BatchRun<string | Uint8Array>;
  /** Replaces the ruleset in force with a newer version of it; refused ({ error }) otherwise, and the one
   * in force stays. */
  loadRuleset(
    ruleset: object | string,
    options?: { sha256?: string },
  ):
    | RulesetInfo
    | {
        error: {
          code:
            | 'invalid_ruleset'
            | 'ruleset_sha256_mismatch'
            | 'ruleset_id_mismatch'
            | 'ruleset_older'
            | 'ruleset_version_reused'
            | 'too_large'
            | 'invalid_field';
          field: string;
          message: string;
        };
      };
  /** Adds the ruleset's texts in one more language (docs/TRANSLATIONS.md); refused ({ error }) when the pack
   * does not fit the ruleset. */
  loadTranslation(
    pack: object | string,
  ): RulesetInfo | { error: { code: 'invalid_translation' | 'too_large'; field: string; message: string } };
  /** Fetches and loads the translation for `lang` unless the texts are in it already: true when they are now,
   * false when there is none (English texts then). */
  loadLanguage(lang: string): Promise<boolean>;
  /** Loads the destination data: given (an object or JSON text), or fetched once from beside the .wasm.
   * From then on a request naming shipment.destination gets result.destination. */
  loadDestinations(data?: object | string): Promise<
    | DestinationsInfo
    | {
        error: {
          code: 'invalid_destinations' | 'destinations_unavailable' | 'too_large' | 'internal_error';
          field: string;
          message: string;
        };
      }
  >;
  /** The destination data's markets, names in `lang`; { error } before any is loaded. */
  destinations(lang?: string): DestinationsInfo | { error: { code: string; field: string; message: string } };
}

export interface CheckerOptions {
  /** The bytes of evexport.wasm (node, or a bundler that inlines it). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch evexport.wasm from, when not beside the module. */
  wasmUrl?: string;
  /** Where loadLanguage fetches a translation from; default: translations/<lang>.json beside the .wasm. */
  translationUrl?: (lang: string) => string | URL;
  /** Subresource Integrity of evexport.wasm ("sha384-…"): the fetch fails on any other bytes. */
  wasmIntegrity?: string;
  /** Subresource Integrity of each translation, by language. */
  translationIntegrity?: Record<string, string>;
  /** Where loadDestinations fetches the destination data from; default: destinations.json beside the .wasm. */
  destinationsUrl?: string | URL;
  /** Subresource Integrity of the destination data. */
  destinationsIntegrity?: string;
  /** The core's second build, with the destination (loadDestinations moves to it): where to fetch
   * evexport-destinations.wasm from, its bytes, or its Subresource Integrity. */
  destinationsWasmUrl?: string | URL;
  destinationsWasm?: ArrayBuffer | Uint8Array;
  destinationsWasmIntegrity?: string;
  /** Where the destination data's texts in a language are fetched from; default: destinations/<lang>.json
   * beside the .wasm. */
  destinationsTranslationUrl?: (lang: string) => string | URL;
  /** Subresource Integrity of each of them, by language. */
  destinationsTranslationIntegrity?: Record<string, string>;
}

export function createChecker(options?: CheckerOptions): Promise<Checker>;
export default createChecker;
