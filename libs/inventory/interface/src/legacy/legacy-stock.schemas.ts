import { Type } from '@sinclair/typebox';

/** `REF_ARTICLE varchar(20)`: what the monolith accepted as an article's reference. */
export const REF_ARTICLE = '^.{1,20}$';
const text = Type.Union([Type.String(), Type.Null()]);
export const LegacyStockSchema = Type.Object(
  {
    refArticle: Type.String(),
    libelle: text,
    qteDispo: Type.Integer({ description: 'Free to sell: on hand − reserved' }),
    qteReservee: Type.Union([Type.Integer(), Type.Null()], {
      description: 'null: nothing reserved, as legacy wrote it',
    }),
    prix: Type.Union([Type.String({ examples: ['12.50'] }), Type.Null()]),
  },
  { $id: 'LegacyStock' },
);
export const LegacyStockErrorSchema = Type.Object(
  { codeErreur: Type.String({ examples: ['STK-404'] }), libelle: Type.String() },
  { $id: 'LegacyStockError' },
);
