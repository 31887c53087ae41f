import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { Dataset } from '../api/client';
import { UploadPanel } from './UploadDialog';

/** A button opening the upload dialog: a new dataset of a project, or a dataset's next version. */
export function UploadButton({
  label,
  projectId,
  datasetId,
  onUploaded,
}: {
  label: string;
  projectId?: number;
  datasetId?: number;
  onUploaded: (dataset: Dataset) => void;
}) {
  return (
    <DialogTrigger>
      <Button className="button primary">{label}</Button>
      <ModalOverlay className="modal-overlay">
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{label}</Heading>
                <UploadPanel
                  projectId={projectId}
                  datasetId={datasetId}
                  onCancel={close}
                  onUploaded={(dataset) => {
                    onUploaded(dataset);
                    close();
                  }}
                />
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
