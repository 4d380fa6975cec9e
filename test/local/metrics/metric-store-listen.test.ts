import { MetricStore, type MetricStoreInput } from '../../../local/metrics';
import { T0, emfLine } from '../../support/emf-lines';

describe('MetricStore.listen', () => {
  it('tells a listener every input as it arrives: EMF documents, PutMetricData calls, datapoints; log lines are none', () => {
    // Prepare
    const store = new MetricStore();
    const inputs: MetricStoreInput[] = [];
    store.listen((input) => inputs.push(input));

    // Act
    store.ingestEmf(`not EMF\n${emfLine(T0, [{ namespace: 'N', dimensions: [['service']], metrics: ['m'] }], { service: 'agent', m: 1 })}`);
    store.putMetricData('N', [{ MetricName: 'j', Value: 2, Timestamp: T0 }]);
    store.addDatapoint({ namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions: {} }, T0, 1, 'Count');

    // Assess
    expect(inputs.map((input) => input.kind)).toEqual(['emf', 'putMetricData', 'datapoint']);
    expect(inputs[0]).toMatchObject({ document: { service: 'agent', m: 1 } });
    expect(inputs[1]).toMatchObject({ namespace: 'N', datums: [{ metricName: 'j', values: [[2, 1]] }] });
    expect(inputs[2]).toEqual({ kind: 'datapoint', identity: { namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions: {} }, timestamp: T0, value: 1, unit: 'Count' });
  });

  it('stops telling once the returned function is called', () => {
    // Prepare
    const store = new MetricStore();
    const inputs: MetricStoreInput[] = [];
    const stop = store.listen((input) => inputs.push(input));

    // Act
    stop();
    store.putMetricData('N', [{ MetricName: 'j', Value: 2, Timestamp: T0 }]);

    // Assess
    expect(inputs).toEqual([]);
  });
});
