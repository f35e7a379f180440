import { Type } from '@sinclair/typebox';

/** A legacy order number, as the old sequence issued them. */
export const NO_COMMANDE_RANGE = { min: 1, max: 999_999_999 } as const;

const decimal = (examples: string[]) => Type.String({ pattern: '^-?\\d+\\.\\d{2}$', examples });
export const LegacyLigneSchema = Type.Object(
  {
    noLigne: Type.Integer(),
    refArticle: Type.String(),
    quantite: Type.Integer(),
    prixUnitaire: decimal(['12.50']),
  },
  { $id: 'LegacyLigne' },
);
export const LegacyCommandeSchema = Type.Object(
  {
    noCommande: Type.Integer(),
    noClient: Type.Integer(),
    dateCommande: Type.Union([Type.String(), Type.Null()], { examples: ['14/03/2019'] }),
    statut: Type.Union([Type.Literal('E'), Type.Literal('V'), Type.Literal('L'), Type.Literal('A')], {
      description: 'E en cours, V validée, L livrée, A annulée',
    }),
    montantTotal: Type.Union([decimal(['37.50']), Type.Null()]),
    lignes: Type.Array(LegacyLigneSchema),
  },
  { $id: 'LegacyCommande' },
);
export const LegacyErrorSchema = Type.Object(
  { codeErreur: Type.String({ examples: ['CMD-404'] }), libelle: Type.String() },
  { $id: 'LegacyCommandeError' },
);
