import { Cpu, FolderOpen, Gauge, HardDrive, MemoryStick } from 'lucide-react';
import type { Hardware } from '../../../../preload/contract.js';
import { formatBytes } from '../../../../preload/human-units.js';

/** The Models tab's summary of this computer: processor, memory, the GPU and why it is or is not used, the models folder. */
export function HardwareCard({ hardware, modelsFolder }: { hardware: Hardware | null; modelsFolder: string }) {
  return (
    <section className="hardware-card" aria-label="This computer">
      <div className="hardware-heading">
        <Gauge aria-hidden="true" size={16} />
        <h3>This computer</h3>
        <span className="hardware-hint">Each model shows whether it fits in this memory.</span>
      </div>
      <dl className="hardware-grid">
        <div className="hardware-fact">
          <dt>
            <Cpu aria-hidden="true" size={14} /> Processor
          </dt>
          <dd>{hardware ? hardware.cpu.model : '…'}</dd>
          <dd className="hardware-sub">{hardware ? `${hardware.cpu.cores} cores` : ''}</dd>
        </div>
        <div className="hardware-fact">
          <dt>
            <MemoryStick aria-hidden="true" size={14} /> Memory
          </dt>
          <dd>{hardware ? formatBytes(hardware.ramBytes) : '…'}</dd>
          <dd className="hardware-sub">{hardware ? `${formatBytes(hardware.freeRamBytes)} free now` : ''}</dd>
        </div>
        <div className="hardware-fact">
          <dt>
            <HardDrive aria-hidden="true" size={14} /> Graphics
          </dt>
          <dd>{hardware?.gpu ? hardware.gpu.name : hardware ? 'None in use' : 'Checking…'}</dd>
          {/* The note says what was found and why it is or is not used (a software renderer never is). */}
          <dd className="hardware-sub">{hardware?.gpu?.vramBytes ? `${formatBytes(hardware.gpu.vramBytes)} video memory` : ''}</dd>
          <dd className="hardware-sub hardware-gpu-note">{hardware?.gpuNote ?? ''}</dd>
        </div>
        <div className="hardware-fact">
          <dt>
            <FolderOpen aria-hidden="true" size={14} /> Models folder
          </dt>
          <dd className="hardware-path" title={modelsFolder}>
            {modelsFolder}
          </dd>
          <dd className="hardware-sub">Downloads go here and nowhere else.</dd>
        </div>
      </dl>
    </section>
  );
}
