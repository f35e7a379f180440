import { generatedTypeScript, typeCheck } from './type-check';
import { workspaceTree } from './workspace-tree';

describe('typeCheck', () => {
  it('compiles the tree’s new files against the workspace, and reports what does not compile', () => {
    const tree = workspaceTree();
    tree.write(
      'libs/probe/src/good.ts',
      "import { Money } from '@bascule/shared/ddd';\nexport const price: Money = Money.fromJSON({ amount: 1, currency: 'EUR' });\n",
    );
    tree.write(
      'libs/probe/src/bad.ts',
      "import { price } from './good';\nexport const amount: string = price.toJSON().amount;\n",
    );
    expect(generatedTypeScript(tree)).toEqual(['libs/probe/src/bad.ts', 'libs/probe/src/good.ts']);
    expect(typeCheck(tree)).toEqual([
      "libs/probe/src/bad.ts:2:14 TS2322 Type 'number' is not assignable to type 'string'.",
    ]);
    tree.write(
      'libs/probe/src/bad.ts',
      "import { price } from './good';\nexport const amount: number = price.toJSON().amount;\n",
    );
    expect(typeCheck(tree)).toEqual([]);
  });
});
