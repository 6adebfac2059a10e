"""Runs synthesized Step Functions definitions in moto's interpreter (in process, no Docker).

Reads on stdin: {"region", "table", "topic", "queue", "function", "scenarios": [{"name",
"definition" (a JSON string), "input" (an object), "lambdaResults" (strings the function returns
in order; one with "errorType" and "errorMessage" fails the call like an unhandled Lambda
error)}]} and writes, per scenario, the execution's end and what it left behind: {"name",
"status", "error", "cause", "items" (the table), "records" (the queue's messages),
"notifications" (the topic's messages, through a test subscription)}.

Each scenario runs in a fresh mock (moto 5.2.1 cannot start a second execution of a state
machine in one account and Region: getmoto/moto#10077). moto's Lambda without Docker returns
queued results but cannot fail; the patch below makes a queued error result fail the call."""
import functools
import io
import json
import sys
import time
import zipfile

import boto3
from moto import mock_aws
from moto.awslambda_simple.models import LambdaSimpleBackend, lambda_simple_backends

ACCOUNT = "123456789012"


def _invoke(self, function_name, qualifier, body, headers, response_headers):
    result = body or ""
    if self.lambda_simple_results_queue:
        result = self.lambda_simple_results_queue.pop(0)
    try:
        obj = json.loads(result)
    except (TypeError, ValueError):
        obj = None
    if isinstance(obj, dict) and "errorType" in obj and "errorMessage" in obj:
        response_headers["x-amz-function-error"] = "Unhandled"
    return result.encode() if isinstance(result, str) else result


LambdaSimpleBackend.invoke = _invoke

# moto's interpreter parses each JSONPath with jsonpath_ng, whose parser builds its LALR tables
# anew on every parse (most of a run's CPU); the same expressions recur, so parse each once.
# Parsed paths are not changed by use. Other moto versions: left as they are.
try:
    import moto.stepfunctions.parser.asl.component.common.path.result_path as _result_path
    import moto.stepfunctions.parser.asl.utils.json_path as _json_path

    _result_path.parse = functools.lru_cache(maxsize=None)(_result_path.parse)
    _json_path.parse = functools.lru_cache(maxsize=None)(_json_path.parse)
except (ImportError, AttributeError):
    pass


def run(cfg, sc):
    region = cfg["region"]
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}}):
        kw = dict(region_name=region)
        ddb, sns, sqs, lam, iam, sfn = (boto3.client(s, **kw) for s in ["dynamodb", "sns", "sqs", "lambda", "iam", "stepfunctions"])
        ddb.create_table(TableName=cfg["table"], KeySchema=[{"AttributeName": "jobId", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "jobId", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
        topic = sns.create_topic(Name=cfg["topic"])["TopicArn"]
        records = sqs.create_queue(QueueName=cfg["queue"])["QueueUrl"]
        capture = sqs.create_queue(QueueName="test-notifications")["QueueUrl"]
        capture_arn = sqs.get_queue_attributes(QueueUrl=capture, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=capture_arn, Attributes={"RawMessageDelivery": "true"})
        role = iam.create_role(RoleName="workflow", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("bootstrap", "")
        lam.create_function(FunctionName=cfg["function"], Runtime="provided.al2023", Role=role, Handler="bootstrap", Code={"ZipFile": buf.getvalue()})
        lambda_simple_backends[ACCOUNT][region].lambda_simple_results_queue.extend(sc.get("lambdaResults", []))
        sm = sfn.create_state_machine(name="workflow", definition=sc["definition"], roleArn=role)["stateMachineArn"]
        ex = sfn.start_execution(stateMachineArn=sm, name=sc.get("executionName", "job-1"), input=json.dumps(sc["input"]))["executionArn"]
        d = {"status": "RUNNING"}
        for _ in range(600):
            d = sfn.describe_execution(executionArn=ex)
            if d["status"] != "RUNNING":
                break
            time.sleep(0.05)

        def drain(url):
            out = []
            while True:
                msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
                if not msgs:
                    return out
                for m in msgs:
                    out.append(json.loads(m["Body"]))
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])

        items = ddb.scan(TableName=cfg["table"])["Items"]
        return {"name": sc["name"], "status": d["status"], "error": d.get("error", ""), "cause": d.get("cause", ""),
                "items": items, "records": drain(records), "notifications": drain(capture)}


def main():
    cfg = json.load(sys.stdin)
    json.dump([run(cfg, sc) for sc in cfg["scenarios"]], sys.stdout)


main()
