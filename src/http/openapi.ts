import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

/** Adds to the generated document what Nest's decorators cannot say (e.g. one handler serving many documented routes). */
export type ApiDocsAddition = (document: OpenAPIObject) => void;

/**
 * Serves the API description at /openapi.json and a browsable page at /docs: the routes as Nest
 * finds them, every class-validator body as a schema, then the features' additions.
 */
export function publishApiDocs(app: INestApplication, additions: readonly ApiDocsAddition[]): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('Complaint engine')
    .setDescription('Back-office API for complaint handling: every complaint is a state machine whose history is stored as events.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, base);
  // class-transformer's @Type tells what the items of nested arrays are.
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(schemas as object) } };
  for (const add of additions) add(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}
