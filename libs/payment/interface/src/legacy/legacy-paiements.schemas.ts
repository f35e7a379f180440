import { Type } from '@sinclair/typebox';

/** A legacy payment number, as the old sequence issued them. */
export const NO_PAIEMENT_RANGE = { min: 1, max: 999_999_999 } as const;

const code = (values: string[], description: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    { description },
  );

export const LegacyPaiementSchema = Type.Object(
  {
    noPaiement: Type.Integer(),
    noCommande: Type.Integer(),
    montant: Type.String({ examples: ['129.90'], description: 'The amount as the legacy system shows it (EUR)' }),
    mode: Type.Union([code(['C', 'V', 'P'], 'C carte, V virement, P prélèvement'), Type.Null()]),
    iban: Type.Union([Type.String(), Type.Null()], {
      description: 'Masked at capture: country and last four only (the monolith shows it in clear)',
    }),
    statut: code(['A', 'C', 'R', 'E'], 'A autorisé, C capturé, R remboursé, E échec'),
    datePaiement: Type.Union([Type.String(), Type.Null()], { examples: ['14/03/2019'] }),
  },
  { $id: 'LegacyPaiement' },
);

export const LegacyPaiementErrorSchema = Type.Object(
  { codeErreur: Type.String({ examples: ['PAI-404'] }), libelle: Type.String() },
  { $id: 'LegacyPaiementError' },
);
