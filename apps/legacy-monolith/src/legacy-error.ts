/** The legacy system's own error body: `{"codeErreur":"CLI-404","libelle":"Client inexistant"}`. */
export class LegacyError extends Error {
  constructor(
    readonly status: number,
    readonly codeErreur: string,
    readonly libelle: string,
  ) {
    super(libelle);
  }

  get body() {
    return { codeErreur: this.codeErreur, libelle: this.libelle };
  }
}
