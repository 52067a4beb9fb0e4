import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function importErrors(filePath: string, code: string, rule = 'no-restricted-imports'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('one-way layout rules', () => {
  it('keeps src/domain pure', async () => {
    expect(await importErrors('src/domain/x.ts', "import { createApp } from '../server/app.js';\nexport const a = createApp;\n")).toHaveLength(1);
    expect(await importErrors('src/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await importErrors('src/domain/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
  });

  it('stops one feature importing another, but allows shared code and its own files', async () => {
    const file = 'src/app/features/agencies/X.tsx';
    expect(await importErrors(file, "import { SignInPage } from '../auth/index.js';\nexport const a = SignInPage;\n")).toHaveLength(1);
    expect(
      await importErrors(file, "import { SignInPage } from '../../features/auth/SignInPage.js';\nexport const a = SignInPage;\n"),
    ).toHaveLength(1);
    expect(await importErrors(file, "import { Notice } from '../../components/Notice.js';\nexport const a = Notice;\n")).toEqual([]);
    expect(await importErrors(file, "import { AgencyPage } from './AgencyPage.js';\nexport const a = AgencyPage;\n")).toEqual([]);
    expect(await importErrors(file, "import { coreValues } from '../../../domain/values.js';\nexport const a = coreValues;\n")).toEqual([]);
  });

  it('keeps the SPA and the server apart', async () => {
    expect(await importErrors('src/app/lib/x.ts', "import { createApp } from '../../server/app.js';\nexport const a = createApp;\n")).toHaveLength(1);
    expect(await importErrors('src/server/x.ts', "import { i18n } from '../app/lib/i18n.js';\nexport const a = i18n;\n")).toHaveLength(1);
  });

  it('keeps the API contract pure, and route modules off app.ts', async () => {
    expect(await importErrors('src/contract/x.ts', "import { createApp } from '../server/app.js';\nexport const a = createApp;\n")).toHaveLength(1);
    expect(await importErrors('src/contract/x.ts', "import { waveSchema } from '../domain/schema.js';\nexport const a = waveSchema;\n")).toEqual([]);
    expect(await importErrors('src/server/routes/x.ts', "import type { Api } from '../app.js';\nexport type A = Api;\n")).toHaveLength(1);
    expect(await importErrors('src/server/routes/x.ts', "import type { Api } from '../app-types.js';\nexport type A = Api;\n")).toEqual([]);
  });

  it('refuses an import cycle', async () => {
    // app.ts imports every route module: a route module importing app.ts back closes a circle.
    const cycle = await importErrors('src/server/routes/kit.ts', "import { createApp } from '../app.js';\nexport const a = createApp;\n", 'import-x/no-cycle');
    expect(cycle).toEqual([expect.stringMatching(/Dependency cycle/)]);
    expect(await importErrors('src/server/routes/kit.ts', "import { z } from '@hono/zod-openapi';\nexport const a = z;\n", 'import-x/no-cycle')).toEqual([]);
  });
});
