/** Password strength from zxcvbn-ts (its dictionaries load on first use, in a chunk of their own). */
export interface Strength {
  /** 0 (guessable at once) … 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4
}

type Checker = (password: string, userInputs: string[]) => Strength

let checker: Promise<Checker> | null = null

async function loadChecker(): Promise<Checker> {
  const [{ zxcvbn, zxcvbnOptions }, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ])
  zxcvbnOptions.setOptions({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
  })
  return (password, userInputs) => ({ score: zxcvbn(password, userInputs).score })
}

/** The strength of `password`; names and the e-mail address count as guessable words. */
export async function passwordStrength(password: string, userInputs: string[] = []): Promise<Strength> {
  checker ??= loadChecker()
  return (await checker)(password, userInputs.filter(Boolean))
}

/** The i18n key of a score's verdict. */
export function strengthKey(score: Strength['score']): string {
  const keys = ['security.strength.veryWeak', 'security.strength.weak', 'security.strength.fair', 'security.strength.good', 'security.strength.strong']
  return keys[score] ?? 'security.strength.veryWeak'
}

/** Scores below this are refused before the request (auth-service still checks its own policy). */
export const MIN_SCORE = 2
