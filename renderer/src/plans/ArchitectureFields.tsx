/**
 * The editor's fieldsets for a diffusion LM's sampler, a vision-language model's images and a Byte
 * Latent Transformer's patching (architecture-fields.ts), shown only when the plan's model has
 * them; a switch adds or removes the optional part of the plan.
 */
import type { ReactNode } from 'react';
import type { ModelArchitecture } from '@shared/schema/model';
import type { Plan } from '@shared/schema/plan';
import { imageTokensPerRequest } from '@shared/model/vision';
import type { FieldDef } from './fields';
import { DIFFUSION_FIELDS, IMAGE_FIELDS, BLT_FIELDS } from './architecture-fields';

interface Props {
  plan: Plan;
  model: ModelArchitecture | undefined;
  field: (def: FieldDef) => ReactNode;
  set: (path: string, value: unknown) => void;
}

function Switch({
  id,
  label,
  checked,
  onToggle,
}: {
  id: string;
  label: string;
  checked: boolean;
  onToggle: (on: boolean) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <span className="unit">(on/off)</span>
      </label>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onToggle(e.target.checked)} />
    </div>
  );
}

export function ArchitectureFields({ plan, model, field, set }: Props) {
  if (plan.kind !== 'inference' || !model) return null;
  const s = plan.inference;
  const out = s.workload.outputTokens;
  const img = s.workload.images;
  return (
    <>
      {model.kind === 'diffusion' && (
        <fieldset data-testid="fields-diffusion">
          <legend>Diffusion sampler</legend>
          <div className="fields">
            <Switch
              id="diffusion-on"
              label="Set the sampler (else LLaDA’s plain one)"
              checked={!!s.diffusion}
              onToggle={(on) =>
                set(
                  'inference.diffusion',
                  on ? { blockTokens: Math.min(32, out), stepsPerBlock: Math.min(32, out), cache: 'none' } : undefined,
                )
              }
            />
            {s.diffusion && DIFFUSION_FIELDS.map(field)}
          </div>
          {s.diffusion && (
            <p className="muted">
              {(s.diffusion.blockTokens / s.diffusion.stepsPerBlock).toFixed(2)} tokens unmasked per step,{' '}
              {Math.ceil(out / Math.min(s.diffusion.blockTokens, out))} blocks.
            </p>
          )}
        </fieldset>
      )}
      {model.vision && (
        <fieldset data-testid="fields-images">
          <legend>Images</legend>
          <div className="fields">
            <Switch
              id="images-on"
              label="Images in each request"
              checked={!!img}
              onToggle={(on) =>
                set('inference.workload.images', on ? { perRequest: 1, widthPx: 1920, heightPx: 1080 } : undefined)
              }
            />
            {img && IMAGE_FIELDS.map(field)}
          </div>
          {img && (
            <p className="muted">
              {imageTokensPerRequest(model, img).toLocaleString('en-US')} image tokens per request join the prompt.
            </p>
          )}
        </fieldset>
      )}
      {model.kind === 'blt' && (
        <fieldset data-testid="fields-blt">
          <legend>Byte patching</legend>
          <div className="fields">{BLT_FIELDS.map(field)}</div>
        </fieldset>
      )}
    </>
  );
}
