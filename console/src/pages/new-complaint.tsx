import { useState } from 'preact/hooks';
import { cached, request } from '../api';
import { ErrorMessage, Loading, useErrorText, usePageTitle } from '../components';
import { useUi } from '../context';
import { useLoad } from '../load';
import { href, navigate } from '../router';
import { SchemaForm, requestSchemaName, type OpenApi } from '../schema-form';
import type { Catalog, ComplaintView } from '../types';
import { formOptions } from './case';

/** Receiving a complaint from any channel: the form of `POST /complaints` from the API description. */
export function NewComplaintPage() {
  const ui = useUi();
  const { t } = ui;
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>();
  const [loaded, reload] = useLoad(() => Promise.all([cached<OpenApi>('/openapi.json'), cached<Catalog>('/catalog')]), []);
  usePageTitle(t('new.title'));

  async function send(body: Record<string, unknown>) {
    const answer = await request<ComplaintView>('POST', '/complaints', { body });
    ui.announce(t('case.received', { id: answer.data.reference ?? answer.data.id }));
    navigate(href.case(answer.data.id));
  }

  return (
    <>
      <h1>{t('new.title')}</h1>
      <p class="help">{t('new.help')}</p>
      {error !== undefined && (
        <div class="message error" role="alert">
          <p>{errorText(error)}</p>
        </div>
      )}
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ready' && (
        <div class="panel">
          <SchemaForm
            doc={loaded.value[0]}
            schemaName={requestSchemaName(loaded.value[0], '/complaints') ?? 'ReceiveBody'}
            formId="form-receive"
            submitLabel={t('form.submit', { command: t('command.receive') })}
            options={formOptions(ui, loaded.value[1], undefined)}
            send={send}
            onError={setError}
          />
        </div>
      )}
    </>
  );
}
